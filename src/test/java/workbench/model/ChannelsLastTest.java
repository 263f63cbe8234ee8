package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Channels last changes where values are stored, never what they are or their gradients. */
class ChannelsLastTest {

  @Test
  void keepsShapeAndValuesBothWays() {
    try (NDManager scope = NDManager.newBaseManager()) {
      NDArray images = random(scope, new Shape(2, 3, 5, 7), 1);
      NDArray last = ChannelsLast.of(images);
      assertThat(last.getShape()).isEqualTo(images.getShape());
      assertThat(last.toFloatArray()).containsExactly(images.toFloatArray());
      assertThat(ChannelsLast.rowMajor(last).toFloatArray()).containsExactly(images.toFloatArray());
      // Indexing is logical too: one pixel's channels are where they were.
      assertThat(last.get("1, :, 4, 6").toFloatArray()).containsExactly(images.get("1, :, 4, 6").toFloatArray());
    }
  }

  @Test
  void convolutionGivesTheSameOutputAndGradient() {
    try (NDManager scope = NDManager.newBaseManager()) {
      NDArray images = random(scope, new Shape(4, 8, 16, 16), 2);
      NDArray weight = random(scope, new Shape(16, 8, 3, 3), 3);
      NDArray bias = random(scope, new Shape(16), 4);
      float[][] rowMajor = convolve(images, weight, bias, false);
      float[][] channelsLast = convolve(images, weight, bias, true);
      assertThat(worstDifference(channelsLast[0], rowMajor[0])).isLessThan(1e-4f);
      assertThat(worstDifference(channelsLast[1], rowMajor[1])).isLessThan(1e-4f);
      // The gradient is not trivially zero, so the comparison means something.
      assertThat(worstDifference(rowMajor[1], new float[rowMajor[1].length])).isGreaterThan(0.1f);
    }
  }

  /** The convolution's output and the gradient of a weighted sum of it with respect to its input. */
  private static float[][] convolve(NDArray images, NDArray weight, NDArray bias, boolean channelsLast) {
    NDArray input = images.duplicate();
    input.setRequiresGradient(true);
    return Gradients.collect(images.getManager(), collector -> {
      NDArray x = channelsLast ? ChannelsLast.of(input) : input;
      NDArray out = Conv2d.conv2d(x, weight, bias, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
      NDArray weights = random(images.getManager(), out.getShape(), 5);
      collector.backward(out.mul(weights).sum());
      return new float[][] {ChannelsLast.rowMajor(out).toFloatArray(), input.getGradient().toFloatArray()};
    });
  }

  private static float worstDifference(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    float worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst;
  }

  private static NDArray random(NDManager scope, Shape shape, long seed) {
    var random = new Random(seed);
    var values = new float[(int) shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return scope.create(values, shape);
  }
}
