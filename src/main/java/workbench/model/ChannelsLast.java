package workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Image arrays stored channels last. The arrays keep their (batch, channels, height, width)
 * shape; only the order of the values in memory changes, to pixel by pixel. On the CPU,
 * oneDNN's convolutions and PyTorch's max pooling and nearest upsampling have vectorised
 * kernels for that order and keep it for their outputs, so a network converts once at its
 * input. Measured on the guided loop: pooling and upsampling ran ~8× faster, a batch of grid
 * cells ~15% faster. DJL has no call for memory formats; a copy in the permuted order does it.
 */
public final class ChannelsLast {

  private ChannelsLast() {}

  /** The same values stored channels last (a copy; differentiable). */
  public static NDArray of(NDArray images) {
    Shape shape = images.getShape();
    long n = shape.get(0);
    // reshape cannot view a permuted array as flat, so it copies it in the permuted order:
    // (n, h, w, c) row-major, which permuted back is (n, c, h, w) channels last.
    return images.transpose(0, 2, 3, 1)
        .reshape(n, -1)
        .reshape(n, shape.get(2), shape.get(3), shape.get(1))
        .transpose(0, 3, 1, 2);
  }

  /** The same values in the usual row-major (n, c, h, w) order, for code that reads them out. */
  public static NDArray rowMajor(NDArray images) {
    Shape shape = images.getShape();
    // A channels-last array cannot be viewed as flat rows either: reshape copies it in order.
    return images.reshape(shape.get(0), -1).reshape(shape);
  }
}
