package workbench.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code guided}: gradient steps on the latent through the generator and the checker. The
 * checker looks at several augmented views of each image (small seeded shifts, and grey
 * "cutouts"), so the latent improves the picture rather than one view the checker happens to
 * like. A small pull towards the origin keeps the latent where the generator draws well.
 *
 * <p>No flips: left and right mean something in this world.
 */
final class GuidedArtProcess implements ArtProcess {

  static final String RATE = "rate";
  static final String VIEWS = "views";
  static final String CUTOUTS = "cutouts";
  static final String SHIFT = "shift";
  static final String PRIOR = "prior";

  @Override
  public String name() {
    return "guided";
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
    float[] gradient;
    try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
      NDArray images = batch.models.decode(z, batch.condition);
      var viewList = new ArrayList<NDArray>(n * views);
      var itemOfRow = new int[n * views];
      for (int i = 0; i < n; i++) {
        long seed = batch.recipes.get(i).seed();
        NDArray image = images.get(new NDIndex("{}:{}", i, i + 1));
        for (int v = 0; v < views; v++) {
          long stream = SeedStatic.stream("guided-view-" + v, stepNumber);
          // View 0 is the image itself; the others are shifted and cut.
          viewList.add(v == 0 ? image : augment(image, seed, stream, shift, cutouts));
          itemOfRow[i * views + v] = i;
        }
      }
      NDArray all = NDArrays.concat(new NDList(viewList), 0);
      // Mean over views of each item's weighted score; items are independent, so the sum's
      // gradient for one latent is that item's own gradient.
      NDArray score = batch.combinedScores(all, itemOfRow).sum().div(views);
      collector.backward(score);
      gradient = z.getGradient().toFloatArray();
    }
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

  /** A seeded shift (wrapping, so nothing is lost) and grey square cutouts. */
  private static NDArray augment(NDArray image, long seed, long stream, int shift, int cutouts) {
    int size = (int) image.getShape().get(3);
    int dx = (int) Math.floor(SeedStatic.uniform(seed, stream, 0) * (2 * shift + 1)) - shift;
    int dy = (int) Math.floor(SeedStatic.uniform(seed, stream, 1) * (2 * shift + 1)) - shift;
    NDArray view = roll(roll(image, dx, 3, size), dy, 2, size);
    if (cutouts <= 0) {
      return view;
    }
    var mask = new float[size * size];
    java.util.Arrays.fill(mask, 1f);
    for (int c = 0; c < cutouts; c++) {
      int side = size / 8 + (int) (SeedStatic.uniform(seed, stream, 2 + 3L * c) * size / 4);
      int x0 = (int) (SeedStatic.uniform(seed, stream, 3 + 3L * c) * (size - side));
      int y0 = (int) (SeedStatic.uniform(seed, stream, 4 + 3L * c) * (size - side));
      for (int y = y0; y < y0 + side; y++) {
        java.util.Arrays.fill(mask, y * size + x0, y * size + x0 + side, 0f);
      }
    }
    NDArray keep = view.getManager().create(mask, new ai.djl.ndarray.types.Shape(1, 1, size, size));
    // Cut squares become mid grey: view·mask + 0.5·(1 − mask).
    return view.mul(keep).add(keep.neg().add(1).mul(0.5));
  }

  private static NDArray roll(NDArray x, int by, int axis, int size) {
    int k = Math.floorMod(by, size);
    if (k == 0) {
      return x;
    }
    String head = axis == 3 ? ":, :, :, " : ":, :, ";
    NDArray tail = x.get(new NDIndex(head + (size - k) + ":"));
    NDArray front = x.get(new NDIndex(head + ":" + (size - k)));
    return NDArrays.concat(new NDList(tail, front), axis);
  }
}
