package workbench.gallery.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.ShortcutsKt._fireShortcut;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.KaribuTest;
import workbench.gallery.StoredRuns;
import workbench.loop.RecipeFactory;
import workbench.run.GenerationService;
import workbench.run.RunSnapshot;
import workbench.run.RunStatus;
import workbench.run.RunWaits;
import workbench.run.ui.ImageSources;
import workbench.run.ui.StepScrubber;

/** A run's page scrubs through its loop: slider, buttons and arrow keys, marked on the chart. */
class RunLoopViewTest extends KaribuTest {

  @Autowired GenerationService generation;
  @Autowired JdbcClient jdbc;

  @Test
  void theScrubberShowsEachKeptStepWithItsScoresAndMarksItOnTheChart() throws Exception {
    var id = finishedRun(new RecipeFactory.Request("red apple:: table::0.5", "", 31, 7, "guided", 4));
    var snapshots = generation.snapshots(id);
    assertThat(snapshots).extracting(RunSnapshot::step).containsExactly(0, 5, 7);

    UI.getCurrent().navigate(RunDetailView.class, RunDetailView.params(id));
    var view = _get(RunDetailView.class);
    var scrubber = _get(StepScrubber.class);
    var slider = _get(Input.class, spec -> spec.withId("step-slider"));
    assertShows(view, scrubber, snapshots.get(0));

    _setValue(slider, "1");
    assertShows(view, scrubber, snapshots.get(1));

    _fireShortcut(scrubber, Key.ARROW_RIGHT);
    assertShows(view, scrubber, snapshots.get(2));
    assertThat(slider.getValue()).isEqualTo("2");
    _fireShortcut(scrubber, Key.ARROW_RIGHT);
    assertShows(view, scrubber, snapshots.get(2));
    _fireShortcut(scrubber, Key.ARROW_LEFT);
    assertShows(view, scrubber, snapshots.get(1));
    _fireShortcut(scrubber, Key.HOME);
    assertShows(view, scrubber, snapshots.get(0));
    _fireShortcut(scrubber, Key.END);
    assertShows(view, scrubber, snapshots.get(2));
    _click(_get(Button.class, spec -> spec.withId("step-back")));
    assertShows(view, scrubber, snapshots.get(1));
    _click(_get(Button.class, spec -> spec.withId("step-forward")));
    assertShows(view, scrubber, snapshots.get(2));
  }

  @Test
  void thePageOffersTheExportsAndTheSnippet() throws Exception {
    var id = finishedRun(new RecipeFactory.Request("a green tree", "", 32, 2, "guided", 4));
    UI.getCurrent().navigate(RunDetailView.class, RunDetailView.params(id));

    assertThat(_get(Anchor.class, spec -> spec.withId("export-filmstrip")).getHref()).isNotBlank();
    assertThat(_get(Anchor.class, spec -> spec.withId("export-animation")).getHref()).isNotBlank();
    _click(_get(Button.class, spec -> spec.withId("export-snippet")));
    var stem = "workbench-" + id.toString().substring(0, 8);
    assertThat(_get(TextArea.class, spec -> spec.withId("snippet-wikitext")).getValue())
        .contains("[[File:" + stem + "-filmstrip.png", "[[File:" + stem + "-loop.gif", "starting seed image");
    assertThat(_get(TextArea.class, spec -> spec.withId("snippet-markdown")).getValue())
        .contains("](" + stem + "-filmstrip.png)");
  }

  @Test
  void aRunStoredWithoutSnapshotsHasNoScrubber() {
    var id = StoredRuns.finished(jdbc, StoredRuns.recipe("a lone cube", 33, 4), RunStatus.DONE, 60);
    UI.getCurrent().navigate(RunDetailView.class, RunDetailView.params(id));
    _get(RunDetailView.class);
    _assertNone(StepScrubber.class);
    _assertNone(Anchor.class, spec -> spec.withId("export-filmstrip"));
  }

  private static void assertShows(RunDetailView view, StepScrubber scrubber, RunSnapshot snapshot) {
    assertThat(scrubber.step()).isEqualTo(snapshot.step());
    assertThat(_get(Image.class, spec -> spec.withId("scrubber-image")).getSrc())
        .isEqualTo(ImageSources.dataUrl(snapshot.png()));
    var expected = new ArrayList<String>(List.of("combined " + format(snapshot.scores().combinedScore())));
    snapshot.scores().terms().forEach(t -> expected.add(t.text() + " " + format(t.score())));
    assertThat(scrubber.scoreLines()).containsExactlyElementsOf(expected);
    assertThat(view.chart.markedStep()).isEqualTo(snapshot.step());
    assertThat(view.chart.svgText()).contains("class='marker' data-step='" + snapshot.step() + "'");
  }

  private static String format(double score) {
    return String.format(Locale.ROOT, "%.1f", score);
  }

  private UUID finishedRun(RecipeFactory.Request request) throws InterruptedException {
    var id = generation.submit(request, 0);
    assertThat(RunWaits.finished(generation, id).status()).isEqualTo(RunStatus.DONE);
    return id;
  }
}
