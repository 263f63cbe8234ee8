package workbench.model;

import ai.djl.ndarray.NDArray;
import org.jspecify.annotations.Nullable;

/**
 * The part of a drawing network's loss that is how far its drawings lie from the renders in the
 * shipped checker's feature maps ({@link SketchbookChecker#perceptualDistance}), times a weight:
 * pixel error alone pays as much for a blurred star's missing points as for a shifted edge, so
 * small things came back as blobs. The checker is the loop's own, frozen; the judge that scores
 * the samples never takes part. Weight 0 adds nothing and loads no checker.
 */
final class PerceptualLoss implements AutoCloseable {

  private final float weight;
  private final @Nullable SketchbookChecker checker;

  private PerceptualLoss(float weight, @Nullable SketchbookChecker checker) {
    this.weight = weight;
    this.checker = checker;
  }

  static PerceptualLoss of(float weight) {
    if (!(weight >= 0 && Float.isFinite(weight))) {
      throw new IllegalArgumentException("perceptual weight " + weight + ": must be 0 or more");
    }
    return new PerceptualLoss(weight, weight > 0 ? SketchbookChecker.load() : null);
  }

  /** {@code loss} plus the weighted distance of {@code drawn} from {@code renders}, both in [-1, 1]. */
  NDArray add(NDArray loss, NDArray drawn, NDArray renders) {
    if (checker == null) {
      return loss;
    }
    NDArray seen = checker.perceptualDistance(drawn.add(1f).div(2f), renders.add(1f).div(2f).stopGradient());
    return loss.add(seen.mul(weight));
  }

  @Override
  public void close() {
    if (checker != null) {
      checker.close();
    }
  }
}
