package workbench.run.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.UploadKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import workbench.KaribuTest;
import workbench.gallery.GalleryFilter;
import workbench.gallery.GalleryService;
import workbench.gallery.GallerySort;
import workbench.gallery.ui.CompareView;
import workbench.run.GenerationService;
import workbench.run.ImageKind;
import workbench.run.RunEvents;
import workbench.run.RunProgressed;
import workbench.run.RunStatus;
import workbench.run.RunWaits;

/**
 * The story on the real models (needs src/main/resources/models/sketchbook-v1): make
 * "red apple:: table::0.5" with seed 42 in 3 steps and watch it come, find it by "apple",
 * recall its recipe from the downloaded PNG, and compare it with seed 43.
 */
class GenerateEndToEndTest extends KaribuTest {

  @Autowired GenerationService generation;
  @Autowired GalleryService gallery;
  @Autowired RunEvents events;

  @Test
  void generateWatchFindRecallCompare() throws Exception {
    // Per run: a run another test left on the workers may push its own steps meanwhile.
    var pushedByRun = new ConcurrentHashMap<UUID, AtomicInteger>();
    var stop = events.listen(new RunEvents.Listener() {
      @Override
      public void progressed(RunProgressed event) {
        pushedByRun.computeIfAbsent(event.runId(), k -> new AtomicInteger()).incrementAndGet();
      }
    });
    try {
      UI.getCurrent().navigate(GenerateView.class);
      var view = _get(GenerateView.class);
      var first = generate(view, 42);
      var pushed = pushedByRun.getOrDefault(first, new AtomicInteger());
      // Step 0 and every step after it arrived as they happened (3 unless the run stopped early).
      assertThat(pushed.get()).isBetween(2, 4);
      assertThat(view.monitor.chart.pointCount()).isEqualTo(pushed.get());
      assertThat(view.monitor.status.getText()).startsWith("Done in");
      var result = _get(RunResult.class);
      assertThat(result.run().id()).isEqualTo(first);

      var found = gallery.page(GalleryFilter.all().withTerm("apple").withSeed(42), GallerySort.NEWEST, 0, 10);
      assertThat(found).extracting(i -> i.runId()).contains(first);

      // Recall: the downloaded PNG fills a fresh form with the same recipe.
      var png = generation.image(first, ImageKind.FINAL).orElseThrow();
      UI.getCurrent().navigate(GenerateView.class);
      view = _get(GenerateView.class);
      _setValue(view.form.seed, "7");
      UploadKt._upload(_get(Upload.class), ImageSources.fileName(first, ImageKind.FINAL), "image/png", png);
      MockVaadin.clientRoundtrip();
      assertThat(view.form.editor.getValue()).isEqualTo("red apple:: table::0.5");
      assertThat(view.form.seed.getValue()).isEqualTo("42");
      assertThat(view.form.steps.getValue()).isEqualTo(3);

      var second = generate(view, 43);
      _click(_get(Button.class, spec -> spec.withId("open-compare")));
      var compare = _get(CompareView.class);
      assertThat(compare.runs()).extracting(r -> r.id()).containsExactly(second, first);
    } finally {
      stop.run();
    }
  }

  @Test
  void unknownWordsWarnButRunAndVarySeedMakesANewOne() throws Exception {
    UI.getCurrent().navigate(GenerateView.class);
    var view = _get(GenerateView.class);
    var id = generate(view, "red zorblax:: table::0.5", 42, 1);
    assertThat(view.form.warning.getText()).contains("zorblax").contains("The run goes ahead");

    _click(_get(Button.class, spec -> spec.withId("vary-seed")));
    var varied = view.monitor.runId().orElseThrow();
    assertThat(varied).isNotEqualTo(id);
    awaitResult(view, varied);
    assertThat(generation.run(varied).orElseThrow().recipe().seed()).isNotEqualTo(42);
  }

  private UUID generate(GenerateView view, long seed) throws InterruptedException {
    return generate(view, "red apple:: table::0.5", seed, 3);
  }

  /** Types the prompt, sets the seed, clicks Generate and takes pushed updates until it is done. */
  private UUID generate(GenerateView view, String prompt, long seed, int steps) throws InterruptedException {
    _setValue(_get(TextArea.class, spec -> spec.withClasses("prompt-text")), prompt);
    _setValue(view.form.seed, Long.toString(seed));
    _setValue(view.form.steps, steps);
    _click(_get(Button.class, spec -> spec.withId("generate")));
    assertThat(view.form.error.isVisible()).as(view.form.error.getText()).isFalse();
    var id = view.monitor.runId().orElseThrow();
    awaitResult(view, id);
    return id;
  }

  private void awaitResult(GenerateView view, UUID id) {
    // Each poll takes what push would have sent, while the page stayed usable.
    RunWaits.until("the result of run " + id, RunWaits.LIMIT, MockVaadin::runUIQueue, () -> showsResultOf(view, id));
    assertThat(generation.run(id).orElseThrow().status()).isEqualTo(RunStatus.DONE);
  }

  private static boolean showsResultOf(GenerateView view, UUID id) {
    return view.result.getChildren().anyMatch(c -> c instanceof RunResult r && r.run().id().equals(id));
  }
}
