package workbench.run.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.QueryParameters;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.KaribuTest;
import workbench.gallery.StoredRuns;
import workbench.library.LibraryService;
import workbench.library.PromptDraft;
import workbench.loop.PngMetadata;
import workbench.loop.RecipeText;
import workbench.loop.TermScores;
import workbench.run.GenerationService;
import workbench.run.ImageKind;
import workbench.run.Run;
import workbench.run.RunProgressed;
import workbench.run.RunStatus;
import workbench.run.internal.RunEventHub;
import workbench.run.internal.RunEventsProbe;

/**
 * The generate page: mostly runs written as the worker writes them and events published as it
 * does; the cancel and guidance tests queue real runs on the built-in models.
 */
class GenerateViewTest extends KaribuTest {

  @Autowired GenerationService generation;
  @Autowired RunEventHub events;
  @Autowired JdbcClient jdbc;
  @Autowired LibraryService libraries;

  /** Runs written here have no job behind them: leave none looking active for later tests. */
  @AfterEach
  void settleStoredRuns() {
    jdbc.sql("update run set status = 'CANCELLED', finished_at = now() where status in ('QUEUED', 'RUNNING') and model_id = ?")
        .params(StoredRuns.MODEL).update();
  }

  GenerateView open(UUID runId) {
    UI.getCurrent().navigate("generate", QueryParameters.of("run", runId.toString()));
    return _get(GenerateView.class);
  }

  static RunProgressed step(UUID id, int step, int steps, double combined) {
    var scores = new TermScores(List.of(new TermScores.TermScore("red apple", 1, combined),
        new TermScores.TermScore("table", 0.5, combined / 2)), combined);
    var png = step % 2 == 0 ? PngMetadata.write(StoredRuns.picture(64, Color.RED), Map.of())
        : new byte[0];
    return new RunProgressed(id, step, steps, scores, png, 100L * step);
  }

  @Test
  void progressArrivesStepByStepWithImageChartAndEta() {
    var id = StoredRuns.queued(jdbc, StoredRuns.recipe("red apple:: table::0.5", 42, 10));
    var view = open(id);
    assertThat(view.monitor.status.getText()).startsWith("Queued");

    StoredRuns.markRunning(jdbc, id, 0);
    for (int s = 0; s <= 4; s++) {
      RunEventsProbe.publish(events, step(id, s, 10, 0.1 * s));
    }

    assertThat(view.monitor.status.getText()).startsWith("Step 4 / 10").contains("about 1 s left").contains("score 40.0");
    assertThat(view.monitor.progress.getValue()).isEqualTo(0.4);
    assertThat(view.monitor.chart.pointCount()).isEqualTo(5);
    assertThat(view.monitor.chart.svgText()).contains("polyline").contains("class='combined'");
    assertThat(view.monitor.chart.legend()).containsExactly("combined 40.0", "red apple 40.0", "table 20.0");
    assertThat(view.monitor.preview.getSrc()).startsWith("data:image/png;base64,");
    // Another run's events do not touch this page.
    RunEventsProbe.publish(events, step(UUID.randomUUID(), 9, 10, 0.9));
    assertThat(view.monitor.status.getText()).startsWith("Step 4 / 10");
  }

  /** A real run on the built-in models, cancelled from the page while the worker draws it. */
  @Test
  void cancelKeepsWhatTheRunMadeAndSaysSo() {
    UI.getCurrent().navigate(GenerateView.class);
    var view = _get(GenerateView.class);
    _setValue(_get(TextArea.class, spec -> spec.withClasses("prompt-text")), "a red ball");
    view.form.process.setValue("guided");
    _setValue(view.form.steps, 200);
    _setValue(view.form.upscale, 1);
    long before = count();
    _click(_get(Button.class, spec -> spec.withId("generate")));
    assertThat(view.form.error.isVisible()).as("form error: %s", view.form.error.getText()).isFalse();
    var id = view.monitor.runId().orElseThrow();
    try {
      // The worker's first steps reach the page (pushed through UI.access, taken here); step 0
      // is the starting static, so wait for one made by the art process.
      awaitPage(() -> view.monitor.status.getText().matches("Step [1-9][0-9]* / 200.*"));

      _click(_get(Button.class, spec -> spec.withId("cancel-run")));
      assertThat(jdbc.sql("select cancel_requested from run where id = ?").params(id).query(Boolean.class).single()).isTrue();
      assertThat(view.monitor.cancel.isEnabled()).isFalse();

      // The worker stops at its next step and stores what it made, marked cancelled.
      awaitPage(() -> view.monitor.status.getText().startsWith("Cancelled"));
      var run = generation.run(id).orElseThrow();
      assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(run.step()).isBetween(1, 199);
      assertThat(generation.image(id, ImageKind.RAW)).isPresent();
      assertThat(view.monitor.status.getText()).startsWith("Cancelled at step " + run.step() + " / 200");
      assertThat(view.result.getChildren().findFirst()).get().isInstanceOf(RunResult.class);
    } finally {
      settleRealRuns(before);
    }
  }

  /** Waits on this thread (it holds the signed-in user and the mocked UI), taking the pushed updates before each look. */
  private static void awaitPage(Callable<Boolean> shown) {
    Awaitility.await().atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(50)).pollInSameThread()
        .until(() -> {
          MockVaadin.runUIQueue();
          return shown.call();
        });
  }

  @Test
  void aQueuedRunIsCancelledAtOnce() {
    var id = StoredRuns.queued(jdbc, StoredRuns.recipe("blue cube", 8, 5));
    var view = open(id);
    _click(_get(Button.class, spec -> spec.withId("cancel-run")));
    assertThat(generation.run(id).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(view.monitor.status.getText()).startsWith("Cancelled");
    assertThat(view.queue.runs()).anySatisfy(run -> {
      assertThat(run.id()).isEqualTo(id);
      assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
    });
  }

  @Test
  void aSecondTabFollowsTheRunningJob() {
    var id = StoredRuns.queued(jdbc, StoredRuns.recipe("green hat", 9, 5));
    StoredRuns.markRunning(jdbc, id, 2);
    try {
      UI.getCurrent().navigate(GenerateView.class);
      var view = _get(GenerateView.class);
      assertThat(view.monitor.runId()).contains(id);
      assertThat(view.monitor.status.getText()).isEqualTo("Step 2 / 5");
      assertThat(view.queue.runs()).extracting(Run::id).contains(id);
    } finally {
      jdbc.sql("update run set status = 'CANCELLED' where id = ?").params(id).update();
    }
  }

  @Test
  void aFinishedRunShowsImagesScoresRecipeAndActions() {
    var id = StoredRuns.finished(jdbc, StoredRuns.recipe("red apple:: table::0.5", 42, 6), RunStatus.DONE, 70);
    var view = open(id);
    var result = _get(RunResult.class);
    assertThat(view.monitor.status.getText()).startsWith("Done in 6 steps").contains("score 70.0");
    assertThat(view.monitor.chart.pointCount()).isEqualTo(7);
    assertThat(_get(Anchor.class, spec -> spec.withId("download-png")).getHref()).isNotBlank();
    assertThat(result.finalImage.getSrc()).isNotBlank();
    assertThat(_get(RecipeDetails.class).getElement().getTextRecursively()).contains("red apple ×1").contains("Seed42");

    _click(_get(Button.class, spec -> spec.withId("open-compare")));
    assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("compare");
    assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getQueryParameters().getSingleParameter("runs"))
        .get().asString().startsWith(id.toString());
  }

  @Test
  void saveTheRunsPromptToALibrary() {
    var library = libraries.createLibrary("Saved " + UUID.randomUUID().toString().substring(0, 6), "");
    var id = StoredRuns.finished(jdbc, StoredRuns.recipe("green hat:: scarf::-0.5", 5, 3), RunStatus.DONE, 40);
    open(id);
    _click(_get(Button.class, spec -> spec.withId("save-to-library")));
    var dialog = _get(SaveToLibraryDialog.class);
    dialog.library.setValue(library);
    _setValue(dialog.title, "hat without scarf");
    _click(dialog.save);
    var saved = libraries.prompts(library.id());
    assertThat(saved).singleElement().satisfies(p -> {
      assertThat(p.title()).isEqualTo("hat without scarf");
      assertThat(p.latestText()).isEqualTo("green hat:: scarf::-0.5");
    });
  }

  @Test
  void aPickedLibraryPromptIsRememberedUntilItIsEdited() {
    var library = libraries.createLibrary("Pick " + UUID.randomUUID().toString().substring(0, 6), "");
    var prompt = libraries.createPrompt(library.id(), PromptDraft.of("apples", "red apple:: table::0.5"));
    UI.getCurrent().navigate(GenerateView.class);
    var view = _get(GenerateView.class);
    var summary = libraries.prompts(library.id()).get(0);
    view.form.promptPicker.setValue(summary);
    assertThat(view.form.editor.getValue()).isEqualTo("red apple:: table::0.5");
    assertThat(view.form.promptVersionId()).isEqualTo(prompt.latest().id());

    _setValue(_get(TextArea.class, spec -> spec.withClasses("prompt-text")), "red apple:: table::0.7");
    assertThat(view.form.promptVersionId()).isZero();
  }

  @Test
  void badSeedIsRefusedBeforeAnythingRuns() {
    UI.getCurrent().navigate(GenerateView.class);
    var view = _get(GenerateView.class);
    _setValue(_get(TextArea.class, spec -> spec.withClasses("prompt-text")), "red apple:: table::0.5");
    _setValue(view.form.seed, "99999999999");
    long before = count();
    _click(_get(Button.class, spec -> spec.withId("generate")));
    assertThat(view.form.seed.isInvalid()).isTrue();
    assertThat(view.form.error.getText()).isEqualTo("Seed 99999999999 is outside 0 … 4294967295");
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void theNegativePromptAndCfgScaleAreDiffusionsAndGoIntoTheRecipe() {
    UI.getCurrent().navigate(GenerateView.class);
    var view = _get(GenerateView.class);
    _setValue(_get(TextArea.class, spec -> spec.withClasses("prompt-text")), "a red ball");
    _setValue(view.form.steps, 1);
    _setValue(view.form.upscale, 1);
    view.form.process.setValue("guided");
    assertThat(view.form.negativePrompt.isVisible()).isFalse();
    assertThat(view.form.cfgScale.isVisible()).isFalse();
    view.form.process.setValue("diffusion");
    assertThat(view.form.negativePrompt.isVisible()).isTrue();
    assertThat(view.form.cfgScale.isVisible()).isTrue();

    _setValue(view.form.negativePrompt, "night");
    _setValue(view.form.cfgScale, 31.0);
    long before = count();
    _click(_get(Button.class, spec -> spec.withId("generate")));
    assertThat(view.form.cfgScale.isInvalid()).isTrue();
    assertThat(view.form.error.getText()).isEqualTo("CFG scale must be a number 0 … 30");
    assertThat(count()).isEqualTo(before);

    _setValue(view.form.cfgScale, 5.0);
    _click(_get(Button.class, spec -> spec.withId("generate")));
    assertThat(view.form.error.isVisible()).isFalse();
    var recipe = RecipeText.fromJson(jdbc.sql("select recipe_json from run order by created_at desc limit 1")
        .query(String.class).single());
    assertThat(recipe.prompt()).isEqualTo("a red ball");
    assertThat(recipe.negativePrompt()).isEqualTo("night");
    assertThat(recipe.cfgScale()).hasValue(5.0);

    // Hidden with guided, the negative prompt typed before is not sent.
    view.form.process.setValue("guided");
    _click(_get(Button.class, spec -> spec.withId("generate")));
    var guided = RecipeText.fromJson(jdbc.sql("select recipe_json from run order by created_at desc limit 1")
        .query(String.class).single());
    assertThat(guided.process()).isEqualTo("guided");
    assertThat(guided.negativePrompt()).isEmpty();
    assertThat(guided.cfgScale()).isEmpty();
    settleRealRuns(before);
  }

  /** Cancels the real runs queued since {@code before} runs existed and waits until the workers let them go. */
  private void settleRealRuns(long before) {
    var ids = jdbc.sql("select id from run order by created_at desc limit ?").params(count() - before)
        .query(UUID.class).list();
    ids.forEach(generation::cancel);
    Awaitility.await().atMost(Duration.ofMinutes(2)).pollInSameThread()
        .untilAsserted(() -> assertThat(ids).allSatisfy(id ->
            assertThat(generation.run(id).orElseThrow().status().finished()).as("run %s finished", id).isTrue()));
  }

  @Test
  void aPromptSyntaxErrorNamesItsColumn() {
    UI.getCurrent().navigate(GenerateView.class);
    var view = _get(GenerateView.class);
    _setValue(_get(TextArea.class, spec -> spec.withClasses("prompt-text")), "apple:: tart::2x");
    _click(_get(Button.class, spec -> spec.withId("generate")));
    assertThat(view.form.error.isVisible()).isTrue();
    assertThat(view.form.error.getText()).contains("column 15");
  }

  @Test
  void anUnknownProcessInALinkIsShown() {
    UI.getCurrent().navigate("generate", QueryParameters.simple(Map.of("process", "dream", "seed", "43",
        "prompt", "red apple")));
    var view = _get(GenerateView.class);
    assertThat(view.form.process.isInvalid()).isTrue();
    assertThat(view.form.error.getText()).isEqualTo("Unknown art process 'dream': choose one of diffusion, dpmpp-2m, guided, evolve");
    assertThat(view.form.seed.getValue()).isEqualTo("43");
    assertThat(view.form.editor.getValue()).isEqualTo("red apple");
  }

  @Test
  void randomSeedAndLock() {
    UI.getCurrent().navigate(GenerateView.class);
    var view = _get(GenerateView.class);
    var first = view.form.seed.getValue();
    _click(_get(Button.class, spec -> spec.withId("random-seed")));
    assertThat(view.form.seed.getValue()).isNotEqualTo(first).matches("[0-9]+");
    view.form.lockSeed.setValue(false);
    var shown = view.form.seed.getValue();
    view.form.submitted();
    assertThat(view.form.seed.getValue()).isNotEqualTo(shown);
    view.form.lockSeed.setValue(true);
    shown = view.form.seed.getValue();
    view.form.submitted();
    assertThat(view.form.seed.getValue()).isEqualTo(shown);
  }

  private long count() {
    return jdbc.sql("select count(*) from run").query(Long.class).single();
  }

  static void roundtrip() {
    MockVaadin.clientRoundtrip();
  }
}
