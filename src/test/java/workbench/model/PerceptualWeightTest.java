package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.sketchbook.Sketchbook;

/**
 * {@code train --perceptual-weight}: the checker's perceptual distance between images, and the
 * autoencoder, code and drawing runs adding it to their loss in proportion to the weight, on the
 * real engine and the shipped checker.
 */
class PerceptualWeightTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  private static SketchbookChecker checker;
  private static NDManager scope;
  /** Eight renders of different scenes, in [0, 1]. */
  private static NDArray renders;

  @BeforeAll
  static void load() {
    checker = SketchbookChecker.load();
    scope = NDManager.newBaseManager();
    var images = new ArrayList<BufferedImage>();
    for (long seed = 1; seed <= 8; seed++) {
      images.add(Sketchbook.render(Sketchbook.scene(seed)));
    }
    renders = SketchbookChecker.imageArray(scope, images);
  }

  @AfterAll
  static void close() {
    scope.close();
    checker.close();
  }

  @Test
  void anImageIsNoDistanceFromItselfAndNearerToALightlyNoisedCopyThanToAnotherScene() {
    float self = checker.perceptualDistance(renders, renders.duplicate()).getFloat();
    float noised = checker.perceptualDistance(noised(renders, 0.03f), renders).getFloat();
    // Each render against the next one: other scenes.
    NDArray others = renders.get("1:").concat(renders.get(":1"));
    float other = checker.perceptualDistance(others, renders).getFloat();

    assertThat(self).isCloseTo(0f, within(1e-6f));
    assertThat(noised).isPositive();
    assertThat(other).isGreaterThan(3 * noised);
    assertThat(checker.perceptualDistance(renders, others).getFloat()).isCloseTo(other, within(1e-5f));
  }

  /** Unit-length features at each of the four layers: no pair lies more than 4 apart per layer. */
  @Test
  void theDistanceIsBoundedByTheFourLayersOfUnitLengthFeatures() {
    NDArray white = scope.ones(renders.getShape());
    float farthest = Math.max(checker.perceptualDistance(white, renders).getFloat(),
        checker.perceptualDistance(renders.mul(0.2f), white).getFloat());
    assertThat(farthest).isPositive().isLessThanOrEqualTo(16f);
  }

  @Test
  void theDistancePassesGradientsBackToTheDrawnPixels() {
    NDArray drawn = noised(renders, 0.1f);
    drawn.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(checker.perceptualDistance(drawn, renders));
    }
    assertThat(drawn.getGradient().abs().sum().getFloat()).isPositive();
  }

  @Test
  void aNegativeWeightIsRefused() {
    assertThatThrownBy(() -> PerceptualLoss.of(-0.5f)).hasMessageContaining("perceptual weight -0.5: must be 0 or more");
  }

  /**
   * From the same weights and batch, a one-step run's loss is its pixel loss plus the weight times
   * one distance: twice the weight adds twice as much, for each run that takes the option.
   */
  @Test
  void eachRunAddsTheDistanceInProportionToTheWeight(@TempDir Path dir) throws Exception {
    double[] autoencoder = new double[3];
    double[] code = new double[3];
    double[] drawing = new double[3];
    for (int w = 0; w <= 2; w++) {
      autoencoder[w] = AutoencoderTraining.train(new AutoencoderTraining.Settings(1, 5, 4, 1e-3f, 1, 1, 1e-3f, w),
          dir.resolve("autoencoder" + w), QUIET).loss();
      code[w] = CodeTraining.train(new CodeTraining.Settings(1, 5, 4, 1e-3f, 1, 1, 1e-3f, w),
          ModelSource.classpath(), dir.resolve("code" + w), QUIET).loss();
      drawing[w] = CodeTraining.tuneDecoders(new CodeTraining.Settings(1, 5, 4, 1e-4f, 1, 1, 1e-4f, w),
          ModelSource.classpath(), dir.resolve("drawing" + w), QUIET).loss();
    }
    for (double[] loss : new double[][] {autoencoder, code, drawing}) {
      double once = loss[1] - loss[0];
      assertThat(once).isGreaterThan(1e-3);
      assertThat(loss[2] - loss[0]).isCloseTo(2 * once, within(1e-4 + 1e-3 * once));
    }
  }

  private static NDArray noised(NDArray images, float sigma) {
    var random = new SplittableRandom(7);
    float[] values = images.toFloatArray();
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.min(1f, Math.max(0f, values[i] + (float) (random.nextGaussian() * sigma)));
    }
    return scope.create(values, images.getShape());
  }
}
