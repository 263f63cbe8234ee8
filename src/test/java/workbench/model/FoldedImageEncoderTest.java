package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import workbench.sketchbook.Sketchbook;

/**
 * The checker's inference path folds each batch norm into its convolution, pools before its
 * ReLUs and runs channels last; it must embed images, and pass gradients back to their pixels,
 * as the trained block does (the block, in inference mode, is the reference).
 */
class FoldedImageEncoderTest {

  private static SketchbookChecker checker;
  private static Model trained;
  private static CheckerNetwork network;
  private static NDManager scope;
  private static NDArray input;

  @BeforeAll
  static void loadBothEncoders() {
    checker = SketchbookChecker.load();
    network = new CheckerNetwork();
    trained = Networks.load(ModelSource.classpath(), ModelSource.classpath().card(), CheckerTraining.WEIGHTS,
        network, Device.cpu(), CheckerNetwork.imageShape(1), CheckerNetwork.textShape(1));
    scope = NDManager.newBaseManager();
    var images = new ArrayList<BufferedImage>();
    for (long seed = 1; seed <= 12; seed++) {
      images.add(Sketchbook.render(Sketchbook.scene(seed)));
    }
    input = SketchbookChecker.imageArray(scope, images);
  }

  @AfterAll
  static void close() {
    scope.close();
    trained.close();
    checker.close();
  }

  @Test
  void foldedEncoderEmbedsImagesAsTheTrainedBlockDoes() {
    float[] reference = trainedEmbeddings(input).toFloatArray();
    float[] folded = checker.imageEmbeddings(input).toFloatArray();

    assertThat(folded).hasSameSizeAs(reference);
    float worst = 0;
    for (int i = 0; i < folded.length; i++) {
      worst = Math.max(worst, Math.abs(folded[i] - reference[i]));
    }
    // Unit vectors of 128 floats: a wrong epsilon, scale or layer order shows up as > 1e-3.
    assertThat(worst).isLessThan(1e-5f);
    // And the embeddings tell images apart (not all equal), so the comparison means something.
    assertThat(List.of(folded[0], folded[128], folded[256])).doesNotHaveDuplicates();
  }

  @Test
  void guidanceGetsTheSameGradientThroughTheFoldedEncoder() {
    var direction = checker.textEmbeddings(scope, List.of("a red ball")).transpose();
    // Renders are flat: a max-pool window then holds equal values, and which of them takes the
    // gradient is the kernel's choice (SSE4.1-capped oneDNN and PyTorch's own kernels choose
    // differently). A little seeded noise, as a guided image carries, leaves no ties.
    float[] values = input.toFloatArray();
    var random = new SplittableRandom(5);
    for (int i = 0; i < values.length; i++) {
      values[i] += (float) (0.01 * (random.nextDouble() - 0.5));
    }
    NDArray noisy = scope.create(values, input.getShape());
    float[] reference = gradient(noisy, FoldedImageEncoderTest::trainedEmbeddings, direction);
    float[] folded = gradient(noisy, checker::imageEmbeddings, direction);

    float worst = 0;
    float largest = 0;
    for (int i = 0; i < folded.length; i++) {
      worst = Math.max(worst, Math.abs(folded[i] - reference[i]));
      largest = Math.max(largest, Math.abs(reference[i]));
    }
    // Pooling before ReLU (as the folded encoder does) must not change which pixels get gradient.
    assertThat(largest).isPositive();
    assertThat(worst).isLessThan(1e-4f * largest);
  }

  /** The trained block in inference mode: the reference. */
  private static NDArray trainedEmbeddings(NDArray images) {
    return network.images().forward(new ParameterStore(scope, false), new NDList(images), false)
        .singletonOrThrow().normalize(2, 1);
  }

  /** d(similarity to {@code direction}, summed over images)/d(pixels). */
  private static float[] gradient(NDArray images, Function<NDArray, NDArray> encoder, NDArray direction) {
    NDArray input = images.duplicate();
    input.setRequiresGradient(true);
    return Gradients.collect(images.getManager(), collector -> {
      collector.backward(encoder.apply(input).matMul(direction).sum());
      return input.getGradient().toFloatArray();
    });
  }
}
