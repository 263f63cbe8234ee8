package workbench.gallery.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.QueryParameters;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.KaribuTest;
import workbench.gallery.GalleryItem;
import workbench.gallery.GalleryService;
import workbench.gallery.GallerySort;
import workbench.gallery.StoredRuns;
import workbench.library.LibraryService;
import workbench.library.PromptDraft;
import workbench.run.RunStatus;
import workbench.run.ui.GenerateView;

/**
 * Gallery, run detail and compare pages on stored runs. Each test's prompts carry a word of
 * their own, so runs stored by other tests in the same database do not count.
 */
class GalleryViewsTest extends KaribuTest {

  @Autowired JdbcClient jdbc;
  @Autowired GalleryService gallery;
  @Autowired LibraryService libraries;

  String tag;
  UUID apple42;
  UUID apple43;
  UUID cube44;

  @BeforeEach
  void storeRuns() {
    tag = "tag" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).replaceAll("[0-9]", "q");
    apple42 = StoredRuns.finished(jdbc, StoredRuns.recipe("red apple " + tag + ":: table::0.5", 42, 4), RunStatus.DONE, 70);
    apple43 = StoredRuns.finished(jdbc, StoredRuns.recipe("red apple " + tag + ":: table::0.5", 43, 4), RunStatus.DONE, 50);
    cube44 = StoredRuns.finished(jdbc, StoredRuns.recipe("blue cube " + tag, 44, 4), RunStatus.CANCELLED, 60);
  }

  @SuppressWarnings("unchecked")
  List<GalleryItem> rows(GalleryView view) {
    return IntStream.range(0, GridKt._size(view.grid)).mapToObj(i -> GridKt._get(view.grid, i)).toList();
  }

  @Test
  void filtersNarrowTheLazyGridAndSortByScore() {
    UI.getCurrent().navigate(GalleryView.class);
    var view = _get(GalleryView.class);
    _setValue(view.filters.term, tag);
    assertThat(view.count.getText()).isEqualTo("3 images");
    assertThat(rows(view)).extracting(GalleryItem::runId).containsExactly(cube44, apple43, apple42);
    assertThat(rows(view).get(0).thumbnailPng()).startsWith(0x89, 'P', 'N', 'G');

    _setValue(view.filters.text, "apple");
    assertThat(rows(view)).extracting(GalleryItem::runId).containsExactly(apple43, apple42);
    view.filters.sort.setValue(GallerySort.BEST);
    assertThat(rows(view)).extracting(GalleryItem::runId).containsExactly(apple42, apple43);
    _setValue(view.filters.seed, "43");
    assertThat(rows(view)).extracting(GalleryItem::runId).containsExactly(apple43);
    view.filters.seed.clear();
    view.filters.minScore.setValue(55.0);
    assertThat(rows(view)).extracting(GalleryItem::runId).containsExactly(apple42);
    view.filters.text.clear();
    view.filters.minScore.clear();
    view.filters.maxScore.setValue(65.0);
    assertThat(rows(view)).extracting(GalleryItem::runId).containsExactly(cube44, apple43);
  }

  @Test
  void aTermFilterFindsTheWordInsideATerm() {
    UI.getCurrent().navigate(GalleryView.class);
    var view = _get(GalleryView.class);
    _setValue(view.filters.term, "apple");
    _setValue(view.filters.text, tag);
    assertThat(rows(view)).extracting(GalleryItem::runId).containsExactlyInAnyOrder(apple42, apple43);
  }

  @Test
  void libraryAndPromptFiltersFollowTheVersionARunCameFrom() {
    var library = libraries.createLibrary("Gallery " + tag, "");
    var prompt = libraries.createPrompt(library.id(), PromptDraft.of("apples", "red apple"));
    var version = libraries.savePrompt(prompt.id(), PromptDraft.of("apples", "red apple " + tag)).latest();
    jdbc.sql("update run set prompt_version_id = ? where id = ?").params(version.id(), apple43).update();
    UI.getCurrent().navigate(GalleryView.class);
    var view = _get(GalleryView.class);
    view.filters.library.setValue(libraries.library(library.id()));
    assertThat(rows(view)).extracting(GalleryItem::runId).containsExactly(apple43);
    view.filters.prompt.setValue(libraries.prompts(library.id()).get(0));
    assertThat(rows(view)).extracting(GalleryItem::runId).containsExactly(apple43);
  }

  @Test
  void starsAreKeptAndFilterable() {
    gallery.star(apple43, true);
    UI.getCurrent().navigate(GalleryView.class);
    var view = _get(GalleryView.class);
    _setValue(view.filters.term, tag);
    view.filters.starred.setValue(true);
    assertThat(rows(view)).extracting(GalleryItem::runId).containsExactly(apple43);
  }

  @Test
  void compareTheTickedRuns() {
    UI.getCurrent().navigate(GalleryView.class);
    var view = _get(GalleryView.class);
    _setValue(view.filters.text, "apple " + tag);
    assertThat(view.compare.isEnabled()).isFalse();
    view.grid.select(rows(view).get(0));
    view.grid.select(rows(view).get(1));
    assertThat(view.compare.isEnabled()).isTrue();
    _click(view.compare);

    var compare = _get(CompareView.class);
    assertThat(compare.runs()).extracting(r -> r.id()).containsExactly(apple43, apple42);
    assertThat(compare.overlay.isVisible()).isTrue();
    assertThat(_get(CompareSlider.class).reveal()).isEqualTo(50);
    var recipe = GridKt._fetch(compare.recipeDiff, 0, 100);
    assertThat(recipe).filteredOn(r -> r.differs()).extracting(r -> r.name()).containsExactly("Seed");
    assertThat(recipe).filteredOn(r -> r.name().equals("Seed")).singleElement()
        .extracting(r -> r.values()).isEqualTo(List.of("43", "42"));
    var scores = GridKt._fetch(compare.scoreDiff, 0, 100);
    assertThat(scores).extracting(r -> r.name()).containsExactly("Combined", "red apple " + tag, "table");
    assertThat(scores.get(0).values()).containsExactly("50", "70");
    assertThat(scores.get(0).differs()).isTrue();
  }

  @Test
  void compareThreeWithoutSliderAndSayWhatIsMissing() {
    var missing = UUID.randomUUID();
    UI.getCurrent().navigate("compare", QueryParameters.of("runs", apple42 + "," + cube44 + "," + apple43 + "," + missing));
    var compare = _get(CompareView.class);
    assertThat(compare.runs()).hasSize(3);
    assertThat(compare.overlay.isVisible()).isFalse();
    assertThat(compare.message.getText()).contains("Not found: " + missing);
    assertThat(GridKt._fetch(compare.recipeDiff, 0, 100)).filteredOn(r -> r.differs()).extracting(r -> r.name())
        .containsExactly("Prompt", "Terms", "Seed");
  }

  @Test
  void detailShowsEverythingAndLeadsBackToGenerate() {
    UI.getCurrent().navigate(RunDetailView.class, RunDetailView.params(apple42));
    var detail = _get(RunDetailView.class);
    assertThat(detail.chart.pointCount()).isEqualTo(5);
    assertThat(detail.content.getElement().getTextRecursively()).contains("Seed42").contains("Final score70.0")
        .contains("table ×0.5");

    _click(detail.star);
    assertThat(gallery.starred(apple42)).isTrue();
    _click(detail.star);
    assertThat(gallery.starred(apple42)).isFalse();

    _click(_get(Button.class, spec -> spec.withId("use-seed")));
    var generate = _get(GenerateView.class);
    assertThat(generate).isNotNull();

    UI.getCurrent().navigate(RunDetailView.class, RunDetailView.params(apple42));
    _click(_get(Button.class, spec -> spec.withId("use-prompt")));
    assertThat(_get(TextArea.class, spec -> spec.withClasses("prompt-text")).getValue())
        .isEqualTo("red apple " + tag + ":: table::0.5");
  }

  @Test
  void anUnknownRunSaysSo() {
    UI.getCurrent().navigate("gallery/" + UUID.randomUUID());
    assertThat(_get(H2.class, spec -> spec.withText("No such run"))).isNotNull();
  }
}
