package workbench.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * A block whose parameters are all its own, made at construction under dotted names
 * ({@code dec.r0.conv1.weight}) and read in a forward pass through a {@link Pass}: the
 * autoencoder, the scene code, the prior and the UNet. The weights files ({@link HalfWeights})
 * hold these names, so a layer keeps its name for as long as weights trained with it are kept.
 */
abstract class OwnParametersBlock extends AbstractBlock {

  OwnParametersBlock() {
    super((byte) 1);
  }

  @Override
  protected final void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    // No child blocks: every parameter is this block's own, with its shape known at construction.
  }

  final void linearParameters(String name, int in, int out, boolean zero) {
    parameter(name + ".weight", new Shape(out, in), zero ? Initializer.ZEROS : new XavierInitializer());
    parameter(name + ".bias", new Shape(out), Initializer.ZEROS);
  }

  final void convParameters(String name, int in, int out, int kernel, boolean zero) {
    parameter(name + ".weight", new Shape(out, in, kernel, kernel), zero ? Initializer.ZEROS : new XavierInitializer());
    parameter(name + ".bias", new Shape(out), Initializer.ZEROS);
  }

  final void normParameters(String name, int channels) {
    parameter(name + ".gamma", new Shape(channels), Initializer.ONES);
    parameter(name + ".beta", new Shape(channels), Initializer.ZEROS);
  }

  /** {@link Pass#residual}'s: its second convolution starts at zero, so the block starts as the identity. */
  final void residualParameters(String name, int width) {
    normParameters(name + ".norm1", width);
    convParameters(name + ".conv1", width, width, 3, false);
    normParameters(name + ".norm2", width);
    convParameters(name + ".conv2", width, width, 3, true);
  }

  final void parameter(String name, Shape shape, Initializer initializer) {
    addParameter(Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
        .optShape(shape).optInitializer(initializer).build());
  }

  /** One forward pass: parameters fetched through the store (the trainer's, or a frozen one). */
  class Pass {
    private final ParameterStore store;
    private final Device device;
    private final boolean training;

    Pass(ParameterStore store, Device device, boolean training) {
      this.store = store;
      this.device = device;
      this.training = training;
    }

    final NDArray p(String name) {
      return store.getValue(parameters.get(name), device, training);
    }

    /** {@code x W^T + b} as a matrix product and a sum (the rounding the shipped code and prior were trained with). */
    NDArray linear(String name, NDArray x) {
      return x.matMul(p(name + ".weight").transpose()).add(p(name + ".bias"));
    }

    /** A square convolution padded to keep the size (at stride 1). */
    NDArray conv(String name, NDArray x, int stride) {
      NDArray w = p(name + ".weight");
      long k = w.getShape().get(2);
      return Conv2d.conv2d(x, w, p(name + ".bias"), new Shape(stride, stride), new Shape(k / 2, k / 2))
          .singletonOrThrow();
    }

    final NDArray groupNorm(String name, NDArray x) {
      return DiffusionNetwork.groupNorm(x, p(name + ".gamma"), p(name + ".beta"));
    }

    /** Two 3x3 convolutions, each after a group norm and SiLU, added to the input. */
    final NDArray residual(String name, NDArray x) {
      NDArray h = conv(name + ".conv1", DiffusionNetwork.silu(groupNorm(name + ".norm1", x)), 1);
      h = conv(name + ".conv2", DiffusionNetwork.silu(groupNorm(name + ".norm2", h)), 1);
      return x.add(h);
    }
  }
}
