package workbench.loop;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code evolve}: each step makes N variations of every latent (seeded Gaussian steps), the
 * check output scores the decoded images, and the best goes back in when it beats the
 * current one. A black box: it needs nothing from the checker but scores.
 */
final class EvolveArtProcess implements ArtProcess {

  public static final String NAME = "evolve";

  static final String VARIATIONS = "variations";
  static final String SIGMA = "sigma";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Generator> runsOn() {
    return Set.of(Generator.SKETCHBOOK_PRIOR);
  }

  /** Decode and check the candidates. */
  @Override
  public long flopsPerStep(LoopModels models, Recipe recipe) {
    return 2 * models.generatorFlopsPerImage() + models.checkerFlopsPerImage();
  }


  @Override
  public String description() {
    return "mutate, keep the best: works with any checker, needs no gradients";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of(VARIATIONS, 8.0, SIGMA, 0.5);
  }

  /** Big jumps first (blobs), then smaller ones (details). */
  @Override
  public Schedule defaultSchedule(int steps) {
    return new Schedule(
        steps,
        List.of(
            new Stage(0, Map.of(VARIATIONS, 8.0, SIGMA, 0.6)),
            new Stage(Math.max(1, steps / 3), Map.of(VARIATIONS, 8.0, SIGMA, 0.3)),
            new Stage(Math.max(2, 2 * steps / 3), Map.of(VARIATIONS, 8.0, SIGMA, 0.12))),
        0);
  }

  @Override
  public void step(LoopBatch.Step step, int stepNumber) {
    var batch = step.batch();
    var stage = batch.schedule.stageAt(stepNumber);
    int variations = (int) Math.max(1, stage.setting(VARIATIONS, 8));
    double sigma = stage.setting(SIGMA, 0.5);
    int latent = batch.models.latentSize();
    int n = batch.size();
    var candidates = new float[n * variations][];
    var itemOfRow = new int[n * variations];
    for (int i = 0; i < n; i++) {
      long seed = batch.recipes.get(i).seed();
      long stream = SeedStatic.stream(NAME, stepNumber);
      for (int v = 0; v < variations; v++) {
        int row = i * variations + v;
        var z = batch.z[i].clone();
        for (int d = 0; d < latent; d++) {
          z[d] += (float) (sigma * SeedStatic.normal(seed, stream, (long) v * latent + d));
        }
        candidates[row] = z;
        itemOfRow[row] = i;
      }
    }
    var scope = step.scope();
    // Row i·variations + v is conditioned like item i; the copy lives in this step's scope.
    NDArray condition = batch.condition.repeat(0, variations);
    condition.attach(scope);
    NDArray images = batch.models.decode(batch.models.latents(scope, candidates), condition);
    float[] scores = batch.combinedScores(images, itemOfRow).toFloatArray();
    for (int i = 0; i < n; i++) {
      if (!batch.live[i]) {
        continue;
      }
      int best = -1;
      double bestScore = batch.combined[i];
      for (int v = 0; v < variations; v++) {
        int row = i * variations + v;
        if (scores[row] > bestScore) {
          bestScore = scores[row];
          best = row;
        }
      }
      if (best >= 0) {
        batch.z[i] = candidates[best];
        batch.combined[i] = bestScore;
      }
    }
  }
}
