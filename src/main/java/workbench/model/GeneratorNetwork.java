package workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The generator prior: a conditional VAE on the checker's text embedding. The encoder (used only
 * in training) maps (image, text) to a latent Gaussian; the decoder maps (z, text) to a 64x64
 * image. The decoder is plain differentiable ops, so a gradient can flow back into z.
 */
final class GeneratorNetwork extends AbstractBlock {

  static final int LATENT = 32;
  private static final int[] UP = {64, 48, 32};

  private final SequentialBlock encoderImage;
  private final SequentialBlock encoderHead;
  private final SequentialBlock decoder;

  GeneratorNetwork() {
    super((byte) 1);
    encoderImage = addChildBlock("encoderImage", encoderImage());
    encoderHead = addChildBlock("encoderHead", new SequentialBlock()
        .add(Linear.builder().setUnits(256).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(2 * LATENT).build()));
    decoder = addChildBlock("decoder", buildDecoder());
  }

  SequentialBlock decoder() {
    return decoder;
  }

  static Shape decoderInput(int batch) {
    return new Shape(batch, LATENT + CheckerNetwork.EMBEDDING);
  }

  /** Decodes (z, text embedding) rows to images in [0, 1]. */
  NDArray decode(ParameterStore store, NDArray z, NDArray text, boolean training) {
    return decoder.forward(store, new NDList(z.concat(text, 1)), training).singletonOrThrow();
  }

  private static SequentialBlock encoderImage() {
    var block = new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
            .optStride(new Shape(2, 2)).setFilters(16).build())
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock());
    for (int channels : new int[] {32, 64, 128}) {
      block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
              .setFilters(channels).build())
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock())
          .add(Pool.maxPool2dBlock(new Shape(2, 2)));
    }
    return block.add(Blocks.batchFlattenBlock());
  }

  private static SequentialBlock buildDecoder() {
    var block = new SequentialBlock()
        .add(Linear.builder().setUnits(256).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(128 * 4 * 4).build())
        .add(Activation.reluBlock())
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, 128, 4, 4))));
    for (int channels : UP) {
      block.add(upsample())
          .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
              .setFilters(channels).build())
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock());
    }
    return block.add(upsample())
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(3).build())
        .add(Activation.sigmoidBlock());
  }

  /** Nearest-neighbour 2x: cheap, and it keeps the Sketchbook's hard edges possible. */
  private static LambdaBlock upsample() {
    return new LambdaBlock(x -> new NDList(x.singletonOrThrow().repeat(2, 2).repeat(3, 2)));
  }

  /** Training forward: (images, text embeddings, noise) to (reconstruction, mean, log variance). */
  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray image = inputs.get(0);
    NDArray text = inputs.get(1);
    NDArray noise = inputs.get(2);
    NDArray features = encoderImage.forward(store, new NDList(image), training).singletonOrThrow();
    NDArray stats = encoderHead.forward(store, new NDList(features.concat(text, 1)), training).singletonOrThrow();
    NDArray mean = stats.get(":, 0:" + LATENT);
    // Bounded: Adam's first steps on the wide head can push it past exp() range (a run died of that).
    NDArray logVariance = stats.get(":, " + LATENT + ":").clip(-8f, 4f);
    NDArray z = mean.add(noise.mul(logVariance.mul(0.5f).exp()));
    return new NDList(decode(store, z, text, training), mean, logVariance);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    return new Shape[] {inputShapes[0], new Shape(b, LATENT), new Shape(b, LATENT)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long b = inputShapes[0].get(0);
    encoderImage.initialize(manager, dataType, inputShapes[0]);
    Shape features = encoderImage.getOutputShapes(new Shape[] {inputShapes[0]})[0];
    encoderHead.initialize(manager, dataType, new Shape(b, features.get(1) + CheckerNetwork.EMBEDDING));
    decoder.initialize(manager, dataType, decoderInput((int) b));
  }
}
