package workbench.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import workbench.model.Gradients;

/**
 * {@code guided}: gradient steps on the latent through the generator and the checker. The
 * checker looks at several augmented views of each image (small seeded shifts, and grey
 * "cutouts"), so the latent improves the picture rather than one view the checker happens to
 * like. A small pull towards the origin keeps the latent where the generator draws well.
 *
 * <p>No flips: left and right mean something in this world.
 */
final class GuidedArtProcess implements ArtProcess {

  public static final String NAME = "guided";

  static final String RATE = "rate";
  static final String VIEWS = "views";
  static final String CUTOUTS = "cutouts";
  static final String SHIFT = "shift";
  static final String PRIOR = "prior";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Generator> runsOn() {
    return Set.of(Generator.SKETCHBOOK_PRIOR);
  }

  /**
   * Decode, the checker on every view, and their backward (the weights are frozen, so the
   * backward takes gradients for the inputs only: about one forward's work).
   */
  @Override
  public long flopsPerStep(LoopModels models, Recipe recipe) {
    int views = (int) recipe.schedule().stageAt(recipe.steps()).setting(VIEWS, 4);
    return 2 * (models.generatorFlopsPerImage() + views * models.checkerFlopsPerImage());
  }


  @Override
  public String description() {
    return "gradient steps through the checker on augmented views";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of(RATE, 0.2, VIEWS, 4.0, CUTOUTS, 1.0, SHIFT, 4.0, PRIOR, 0.02);
  }

  /** Coarse first (big steps, few cutouts), fine late (small steps, more cutouts). */
  @Override
  public Schedule defaultSchedule(int steps) {
    return new Schedule(
        steps,
        List.of(
            new Stage(0, Map.of(RATE, 0.3, VIEWS, 4.0, CUTOUTS, 0.0, SHIFT, 4.0, PRIOR, 0.02)),
            new Stage(Math.max(1, steps / 3), Map.of(RATE, 0.15, VIEWS, 4.0, CUTOUTS, 1.0, SHIFT, 3.0, PRIOR, 0.02)),
            new Stage(Math.max(2, 2 * steps / 3), Map.of(RATE, 0.06, VIEWS, 4.0, CUTOUTS, 2.0, SHIFT, 2.0, PRIOR, 0.02))),
        0);
  }

  @Override
  public boolean showsCurrent() {
    return true;
  }

  @Override
  public void step(LoopBatch.Step step, int stepNumber) {
    var batch = step.batch();
    var scope = step.scope();
    var stage = batch.schedule.stageAt(stepNumber);
    double rate = stage.setting(RATE, 0.2);
    int views = (int) Math.max(1, stage.setting(VIEWS, 4));
    int cutouts = (int) stage.setting(CUTOUTS, 1);
    int shift = (int) stage.setting(SHIFT, 4);
    double prior = stage.setting(PRIOR, 0.02);
    int n = batch.size();

    NDArray z = batch.models.latents(scope, batch.z);
    z.setRequiresGradient(true);
    var itemOfRow = new int[n * views];
    for (int r = 0; r < itemOfRow.length; r++) {
      itemOfRow[r] = r / views;
    }
    var current = new NDArray[2];
    float[] gradient = Gradients.collect(scope, collector -> {
      NDArray images = batch.models.decode(z, batch.condition);
      NDArray all = views(images, seeds(batch), stepNumber, views, shift, cutouts);
      NDArray embeddings = batch.models.imageEmbeddings(all);
      // View 0 of each item is its image untouched: its embedding is the current check output.
      current[0] = images.stopGradient();
      current[1] = embeddings.reshape(n, views, -1).get(":, 0, :").stopGradient();
      // Mean over views of each item's weighted score; items are independent, so the sum's
      // gradient for one latent is that item's own gradient.
      NDArray score = batch.weightedSimilarities(embeddings, itemOfRow).sum().div(views);
      collector.backward(score);
      return z.getGradient().toFloatArray();
    });
    // Outside the gradient lock: the loop's listener may write to the database. Items the loop
    // stops here (confident enough) are not moved below.
    step.seen().seen(current[0], current[1]);
    int latent = batch.models.latentSize();
    for (int i = 0; i < n; i++) {
      if (!batch.live[i]) {
        continue;
      }
      double norm = 0;
      for (int d = 0; d < latent; d++) {
        double g = gradient[i * latent + d];
        norm += g * g;
      }
      norm = Math.sqrt(norm) + 1e-8;
      var zi = batch.z[i];
      for (int d = 0; d < latent; d++) {
        // Normalised ascent step, and a pull back towards the typical latents.
        zi[d] += (float) (rate * gradient[i * latent + d] / norm - prior * zi[d]);
      }
    }
  }

  private static long[] seeds(LoopBatch batch) {
    return batch.recipes.stream().mapToLong(Recipe::seed).toArray();
  }

  /**
   * Every item's views, item by item: view 0 is the image itself, the others a seeded shift
   * (wrapping, so nothing is lost) with grey square cutouts. The whole batch's views are made
   * by a few operations whatever its size: a copy of each item per view, then one gather
   * along x and one along y with small per-view indexes. Each copy's pixels are a permutation
   * of its item's, so every gradient sum adds in a fixed order and images stay bit-identical.
   */
  static NDArray views(NDArray images, long[] seeds, int stepNumber, int views, int shift, int cutouts) {
    int n = (int) images.getShape().get(0);
    int size = (int) images.getShape().get(3);
    int plane = size * size;
    int rows = n * views;
    var columns = new long[rows * size];
    var lines = new long[rows * size];
    float[] mask = null;
    for (int i = 0; i < n; i++) {
      long seed = seeds[i];
      for (int v = 0; v < views; v++) {
        int row = i * views + v;
        int dx = 0;
        int dy = 0;
        if (v > 0) {
          long stream = SeedStatic.stream("guided-view-" + v, stepNumber);
          dx = (int) Math.floor(SeedStatic.uniform(seed, stream, 0) * (2 * shift + 1)) - shift;
          dy = (int) Math.floor(SeedStatic.uniform(seed, stream, 1) * (2 * shift + 1)) - shift;
          for (int c = 0; c < cutouts; c++) {
            if (mask == null) {
              mask = new float[rows * plane];
              Arrays.fill(mask, 1f);
            }
            int side = size / 8 + (int) (SeedStatic.uniform(seed, stream, 2 + 3L * c) * size / 4);
            int x0 = (int) (SeedStatic.uniform(seed, stream, 3 + 3L * c) * (size - side));
            int y0 = (int) (SeedStatic.uniform(seed, stream, 4 + 3L * c) * (size - side));
            for (int y = y0; y < y0 + side; y++) {
              Arrays.fill(mask, row * plane + y * size + x0, row * plane + y * size + x0 + side, 0f);
            }
          }
        }
        // A shift by (dx, dy) reads pixel (x − dx, y − dy).
        for (int p = 0; p < size; p++) {
          columns[row * size + p] = Math.floorMod(p - dx, size);
          lines[row * size + p] = Math.floorMod(p - dy, size);
        }
      }
    }
    var manager = images.getManager();
    var full = new Shape(rows, 3, size, size);
    NDArray copies = images.repeat(0, views);
    NDArray shifted = copies
        .gather(manager.create(columns, new Shape(rows, 1, 1, size)).broadcast(full), 3)
        .gather(manager.create(lines, new Shape(rows, 1, size, 1)).broadcast(full), 2);
    if (mask == null) {
      return shifted;
    }
    NDArray keep = manager.create(mask, new Shape(rows, 1, size, size));
    // Cut squares become mid grey: view·mask + 0.5·(1 − mask).
    return shifted.mul(keep).add(keep.neg().add(1).mul(0.5));
  }
}
