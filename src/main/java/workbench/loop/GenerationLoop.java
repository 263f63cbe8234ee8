package workbench.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The loop of the seed page: a starting seed image, then art process → check output, over
 * and over, until the schedule's steps are done, the check output is confident enough, or the
 * run is cancelled; then image done. Recipes in one call go through the networks together.
 */
public final class GenerationLoop {

  private final LoopModels models;

  public GenerationLoop(LoopModels models) {
    this.models = models;
  }

  public LoopResult run(Recipe recipe, LoopListener listener) {
    return run(List.of(recipe), listener).get(0);
  }

  /** Runs recipes that share process, schedule, size and upscale as one batch. */
  public List<LoopResult> run(List<Recipe> recipes, LoopListener listener) {
    checkBatchable(recipes);
    long started = System.nanoTime();
    var first = recipes.get(0);
    var process = ArtProcesses.get(first.process());
    int n = recipes.size();
    int steps = first.steps();
    try (NDManager scope = models.newScope()) {
      var batch = new LoopBatch(models, scope, recipes);
      var traces = new ArrayList<List<LoopResult.TraceStep>>();
      var outcomes = new LoopResult.Outcome[n];
      var stepsRun = new int[n];

      // Step 0: the starting seed image, scored as it is.
      var statics = recipes.stream().map(r -> models.startingImage(r.process(), r.seed(), r.width(), r.height())).toList();
      var initial = scoreImages(batch, statics);
      for (int i = 0; i < n; i++) {
        outcomes[i] = LoopResult.Outcome.DONE;
        stepsRun[i] = steps;
        traces.add(new ArrayList<>(List.of(trace(0, initial.get(i)))));
        // At step 0 the sampler holds the static itself: its noisy image is the starting seed image
        // (for a latent or a scene code, the static as drawn for people, not the decoder's reading of it).
        var seedImage = statics.get(i);
        boolean noisy = models.pixelDiffusion(first.process());
        listener.stepped(i, 0, steps, initial.get(i), seedImage, noisy ? () -> seedImage : null);
      }

      var progress = new Progress(models, batch, listener, traces, outcomes, stepsRun, steps, first.schedule());
      progress.current = decodeAndScore(batch);
      var prior = progress.current.scores();
      // A process that shows the current images at the start of its step hands over the last
      // step's check output then: these items are waiting for it.
      boolean[] waiting = null;
      int waitingStep = 0;
      for (int step = 1; step <= steps && anyLive(batch); step++) {
        if (waiting == null) {
          progress.cancels(step - 1);
          if (!anyLive(batch)) {
            break;
          }
        }
        boolean[] those = waiting;
        int thatStep = waitingStep;
        LoopBatch.Seen seen = (images, embeddings) -> {
          if (those != null) {
            progress.checked(those, thatStep, scored(batch, images, embeddings));
            // As if between the steps: a cancel heard now keeps the image just shown.
            progress.cancels(thatStep);
          }
        };
        try (NDManager stepScope = scope.newSubManager()) {
          process.step(new LoopBatch.Step(batch, stepScope, seen), step);
        }
        if (process.showsCurrent()) {
          waiting = batch.live.clone();
          waitingStep = step;
        } else {
          var live = batch.live.clone();
          progress.checked(live, step, decodeAndScore(batch));
        }
      }
      if (waiting != null && anyOf(waiting)) {
        // The last step (or the one before a cancel) has no next step to show its images.
        progress.checked(waiting, waitingStep, decodeAndScore(batch));
      }
      var current = progress.current;

      // Image done: the raw image as stored (8-bit), scored again from its pixels.
      var raws = current.images();
      var last = scoreImages(batch, raws);
      // The items' post-processing is independent Java2D work: a batch spreads it over the cores.
      var finals = IntStream.range(0, n).parallel()
          .mapToObj(i -> PostProcess.apply(raws.get(i), recipes.get(i).upscale()))
          .toList();
      long millis = (System.nanoTime() - started) / 1_000_000;
      var results = new ArrayList<LoopResult>(n);
      for (int i = 0; i < n; i++) {
        results.add(
            new LoopResult(
                recipes.get(i), outcomes[i], stepsRun[i], statics.get(i), raws.get(i), finals.get(i),
                initial.get(i), prior.get(i), last.get(i), List.copyOf(traces.get(i)), millis));
      }
      return results;
    }
  }

  private record Scored(List<BufferedImage> images, List<TermScores> scores) {}

  /** The check output after each step: traces, the listener, and stopping when confident. */
  private static final class Progress {
    final LoopModels models;
    final LoopBatch batch;
    final LoopListener listener;
    final List<List<LoopResult.TraceStep>> traces;
    final LoopResult.Outcome[] outcomes;
    final int[] stepsRun;
    final int steps;
    final Schedule schedule;
    Scored current;

    Progress(LoopModels models, LoopBatch batch, LoopListener listener, List<List<LoopResult.TraceStep>> traces,
        LoopResult.Outcome[] outcomes, int[] stepsRun, int steps, Schedule schedule) {
      this.models = models;
      this.batch = batch;
      this.listener = listener;
      this.traces = traces;
      this.outcomes = outcomes;
      this.stepsRun = stepsRun;
      this.steps = steps;
      this.schedule = schedule;
    }

    /** Items cancelled since: they stop after {@code stepsDone} steps, keeping that image. */
    void cancels(int stepsDone) {
      for (int i = 0; i < batch.size(); i++) {
        if (batch.live[i] && listener.cancelled(i)) {
          batch.live[i] = false;
          outcomes[i] = LoopResult.Outcome.CANCELLED;
          stepsRun[i] = stepsDone;
        }
      }
    }

    /** Step {@code step}'s check output for the items that took it. */
    void checked(boolean[] items, int step, Scored scored) {
      current = scored;
      for (int i = 0; i < items.length; i++) {
        if (!items[i]) {
          continue;
        }
        var scores = scored.scores().get(i);
        traces.get(i).add(trace(step, scores));
        // The latents are still those of this step: a process that shows the current images
        // hands them over before it moves any.
        listener.stepped(i, step, steps, scores, scored.images().get(i), models.noisyImage(batch.process, batch.z[i]));
        if (batch.live[i] && schedule.confidentAt(scores.combinedScore()) && step < steps) {
          batch.live[i] = false;
          outcomes[i] = LoopResult.Outcome.STOPPED_EARLY;
          stepsRun[i] = step;
        }
      }
    }
  }

  /** Images and embeddings a process decoded anyway, as check output (and current scores). */
  private Scored scored(LoopBatch batch, NDArray images, NDArray embeddings) {
    var scores = cosines(batch, embeddings);
    for (int i = 0; i < batch.size(); i++) {
      batch.combined[i] = scores.get(i).combined();
    }
    return new Scored(models.images(images), scores);
  }

  /** Decodes every item's latent and scores the images; updates the batch's current scores. */
  private Scored decodeAndScore(LoopBatch batch) {
    try (NDManager stepScope = batch.scope.newSubManager()) {
      NDArray images = models.currentImages(batch.process, stepScope, batch.z, batch.condition);
      var pictures = models.images(images);
      var scores = cosines(batch, models.imageEmbeddings(images));
      for (int i = 0; i < batch.size(); i++) {
        batch.combined[i] = scores.get(i).combined();
      }
      return new Scored(pictures, scores);
    }
  }

  private List<TermScores> scoreImages(LoopBatch batch, List<BufferedImage> images) {
    try (NDManager stepScope = batch.scope.newSubManager()) {
      return cosines(batch, models.imageEmbeddings(models.imageArray(stepScope, images)));
    }
  }

  private static List<TermScores> cosines(LoopBatch batch, NDArray imageEmbeddings) {
    float[] cos = imageEmbeddings.matMul(batch.termsT).toFloatArray();
    int width = batch.termCount();
    var out = new ArrayList<TermScores>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      var row = new float[width];
      System.arraycopy(cos, i * width, row, 0, width);
      out.add(batch.termScores(i, row));
    }
    return out;
  }

  private static LoopResult.TraceStep trace(int step, TermScores scores) {
    return new LoopResult.TraceStep(
        step, scores.combined(), scores.terms().stream().mapToDouble(TermScores.TermScore::similarity).toArray());
  }

  private static boolean anyLive(LoopBatch batch) {
    return anyOf(batch.live);
  }

  private static boolean anyOf(boolean[] flags) {
    for (boolean b : flags) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  private static void checkBatchable(List<Recipe> recipes) {
    if (recipes.isEmpty()) {
      throw new IllegalArgumentException("nothing to run");
    }
    var first = recipes.get(0);
    for (var r : recipes) {
      if (!r.process().equals(first.process())
          || !r.schedule().equals(first.schedule())
          || r.width() != first.width()
          || r.height() != first.height()
          || r.upscale() != first.upscale()) {
        throw new IllegalArgumentException("a batch shares process, schedule, size and upscale");
      }
    }
  }
}
