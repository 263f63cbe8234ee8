package workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The generator prior: a conditional VAE on the checker's text embedding. The encoder (used only
 * in training) maps the frozen checker's embedding of the image, plus the text embedding, to a
 * latent Gaussian; the decoder maps (z, text) to a 64x64 image. The decoder has no batch
 * statistics (a batch-norm decoder decoded to flat grey at inference) and is plain
 * differentiable ops, so a gradient can flow back into z.
 */
final class GeneratorNetwork extends AbstractBlock {

  static final int LATENT = 32;
  private static final int[] UP = {64, 32, 16};
  /** The PyTorch engine's interpolation mode for nearest-neighbour. */
  private static final int NEAREST = 0;

  private final SequentialBlock encoderHead;
  private final SequentialBlock decoder;

  GeneratorNetwork() {
    super((byte) 2);
    encoderHead = addChildBlock("encoderHead", new SequentialBlock()
        .add(Linear.builder().setUnits(256).build())
        .add(Activation.leakyReluBlock(0.1f))
        .add(Linear.builder().setUnits(2 * LATENT).build()));
    decoder = addChildBlock("decoder", buildDecoder());
  }

  static Shape decoderInput(int batch) {
    return new Shape(batch, LATENT + CheckerNetwork.EMBEDDING);
  }

  /** The decoder alone: (latent ++ text embedding) to image. */
  SequentialBlock decoder() {
    return decoder;
  }

  /** Decodes (z, text embedding) rows to images in [0, 1], stored row-major for reading out. */
  NDArray decode(ParameterStore store, NDArray z, NDArray text, boolean training) {
    return ChannelsLast.rowMajor(decoder.forward(store, new NDList(z.concat(text, 1)), training).singletonOrThrow());
  }

  private static SequentialBlock buildDecoder() {
    var block = new SequentialBlock()
        .add(Linear.builder().setUnits(256).build())
        .add(Activation.leakyReluBlock(0.1f))
        .add(Linear.builder().setUnits(128 * 4 * 4).build())
        .add(Activation.leakyReluBlock(0.1f))
        // Channels last from here on: the convolutions and upsampling run faster in that order.
        .add(new LambdaBlock(x -> new NDList(ChannelsLast.of(x.singletonOrThrow().reshape(-1, 128, 4, 4)))));
    for (int channels : UP) {
      block.add(upsample())
          .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
              .setFilters(channels).build())
          .add(Activation.leakyReluBlock(0.1f));
    }
    return block.add(upsample())
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(3).build())
        .add(Activation.sigmoidBlock());
  }

  /**
   * Nearest-neighbour 2x: cheap, and it keeps the Sketchbook's hard edges possible. PyTorch's
   * own nearest upsampling, not two {@code repeat}s: the same pixels, but a backward pass that
   * sums each 2×2 block directly instead of reducing two expanded copies (half the time).
   */
  private static LambdaBlock upsample() {
    return new LambdaBlock(x -> {
      NDArray in = x.singletonOrThrow();
      long[] size = {in.getShape().get(2) * 2, in.getShape().get(3) * 2};
      return new NDList(JniUtils.interpolate((PtNDArray) in, size, NEAREST, false));
    });
  }

  /**
   * Training forward: (checker image embeddings, text embeddings, noise) to (reconstruction,
   * mean, log variance).
   */
  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray image = inputs.get(0);
    NDArray text = inputs.get(1);
    NDArray noise = inputs.get(2);
    NDArray stats = encoderHead.forward(store, new NDList(image.concat(text, 1)), training).singletonOrThrow();
    // Bounded: Adam's first steps can push an unbounded head past exp() range (a run died of that).
    NDArray mean = stats.get(":, 0:" + LATENT).div(3f).tanh().mul(3f);
    // Starting near sigma = 0.14 lets the decoder see an informative z at once (from sigma = 1 it
    // learned only the mean image).
    NDArray logVariance = stats.get(":, " + LATENT + ":").sub(4f).clip(-8f, 4f);
    NDArray z = mean.add(noise.mul(logVariance.mul(0.5f).exp()));
    return new NDList(decode(store, z, text, training), mean, logVariance);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    return new Shape[] {CheckerNetwork.imageShape((int) b), new Shape(b, LATENT), new Shape(b, LATENT)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long b = inputShapes[0].get(0);
    encoderHead.initialize(manager, dataType, new Shape(b, 2L * CheckerNetwork.EMBEDDING));
    decoder.initialize(manager, dataType, decoderInput((int) b));
  }
}
