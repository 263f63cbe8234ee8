package workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import workbench.sketchbook.Sketchbook;

/**
 * The checker's two encoders in one block (so one parameter file holds both): a small CNN for
 * images and an order-aware text encoder (word + position embeddings, two 1-D convolutions,
 * max and mean pooled). Forward takes (images, texts) and returns both unnormalised embeddings;
 * callers may also run {@link #images()} or {@link #texts()} alone.
 */
final class CheckerNetwork extends AbstractBlock {

  static final int EMBEDDING = 128;
  static final int[] CHANNELS = {16, 32, 64, 128};
  static final int TEXT_WIDTH = 96;
  /** Layers of {@link #texts()} up to its token states (before pooling). */
  static final int TOKEN_LAYERS = 6;
  /** A generator's conditioning row: the unit embedding, then the token states flattened. */
  static final int CONDITION_WIDTH = EMBEDDING + TEXT_WIDTH * TextFeatures.LENGTH;

  private final SequentialBlock images;
  private final SequentialBlock texts;

  CheckerNetwork() {
    super((byte) 1);
    images = addChildBlock("images", imageEncoder());
    texts = addChildBlock("texts", textEncoder());
  }

  SequentialBlock images() {
    return images;
  }

  SequentialBlock texts() {
    return texts;
  }

  static Shape imageShape(int batch) {
    return new Shape(batch, 3, Sketchbook.IMAGE_SIZE, Sketchbook.IMAGE_SIZE);
  }

  static Shape textShape(int batch) {
    return new Shape(batch, TextFeatures.LENGTH, TextFeatures.WIDTH);
  }

  private static SequentialBlock imageEncoder() {
    var block = new SequentialBlock();
    // The first convolution strides by 2: most of the cost of a 64x64 CNN is in its first layers.
    block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
            .optStride(new Shape(2, 2)).setFilters(CHANNELS[0]).build())
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock());
    for (int i = 1; i < CHANNELS.length; i++) {
      block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
              .setFilters(CHANNELS[i]).build())
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock())
          .add(Pool.maxPool2dBlock(new Shape(2, 2)));
    }
    // Flatten, not global pooling: where things are is part of what captions say.
    return block.add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(256).build())
        .add(Activation.leakyReluBlock(0.1f)) // a dead ReLU layer here would fix every embedding
        .add(Linear.builder().setUnits(EMBEDDING).build());
  }

  /**
   * The image encoder for inference, each batch norm folded into the convolution before it
   * (their running statistics are fixed once trained). Same embeddings to float rounding, but
   * guidance no longer pays for a batch norm forward and backward at every layer and step.
   * Mirrors {@link #imageEncoder()}: change both together ({@code FoldedImageEncoderTest}).
   */
  static final class FoldedImages {

    private static final float EPSILON = 1e-5f; // BatchNorm.builder()'s default, as trained
    private final NDArray[] weights = new NDArray[CHANNELS.length];
    private final NDArray[] biases = new NDArray[CHANNELS.length];
    private final NDArray hiddenWeight;
    private final NDArray hiddenBias;
    private final NDArray outWeight;
    private final NDArray outBias;

    FoldedImages(SequentialBlock encoder, NDManager manager) {
      var convolutions = new ArrayList<Block>();
      var norms = new ArrayList<Block>();
      var linears = new ArrayList<Block>();
      for (var child : encoder.getChildren().values()) {
        if (child instanceof Conv2d) {
          convolutions.add(child);
        } else if (child instanceof BatchNorm) {
          norms.add(child);
        } else if (child instanceof Linear) {
          linears.add(child);
        }
      }
      if (convolutions.size() != CHANNELS.length || norms.size() != CHANNELS.length || linears.size() != 2) {
        throw new IllegalStateException("the image encoder's layers changed; update FoldedImages too");
      }
      // Worked out in a scope of its own, so only the folded arrays stay with the model.
      try (NDManager scope = manager.newSubManager()) {
        for (int i = 0; i < CHANNELS.length; i++) {
          Block norm = norms.get(i);
          NDArray scale = param(norm, "gamma", scope).div(param(norm, "runningVar", scope).add(EPSILON).sqrt());
          weights[i] = param(convolutions.get(i), "weight", scope).mul(scale.reshape(-1, 1, 1, 1));
          biases[i] = param(convolutions.get(i), "bias", scope).sub(param(norm, "runningMean", scope))
              .mul(scale).add(param(norm, "beta", scope));
          weights[i].attach(manager);
          biases[i].attach(manager);
        }
      }
      hiddenWeight = linears.get(0).getParameters().get("weight").getArray();
      hiddenBias = linears.get(0).getParameters().get("bias").getArray();
      outWeight = linears.get(1).getParameters().get("weight").getArray();
      outBias = linears.get(1).getParameters().get("bias").getArray();
    }

    /**
     * The feature maps after each convolution layer, ReLU'd (and pooled), differentiable with
     * respect to the images: what {@link #forward} embeds from the last, and what a perceptual
     * loss compares.
     */
    NDList featureMaps(NDArray images) {
      var maps = new NDList();
      NDArray x = Activation.relu(Conv2d.conv2d(ChannelsLast.of(images), weights[0], biases[0],
          new Shape(2, 2), new Shape(1, 1)).singletonOrThrow());
      maps.add(x);
      for (int i = 1; i < CHANNELS.length; i++) {
        x = Conv2d.conv2d(x, weights[i], biases[i], new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
        // Pool, then ReLU: the same values and gradients as the trained order (ReLU is monotone,
        // and where the window's max is ≤ 0 both give 0 and no gradient), on a quarter the pixels.
        x = Activation.relu(Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false));
        maps.add(x);
      }
      return maps;
    }

    NDArray forward(NDArray images) {
      NDList maps = featureMaps(images);
      NDArray x = maps.get(maps.size() - 1);
      // Logical order: flattening copies the channels-last values back into (c, h, w) order.
      x = x.reshape(x.getShape().get(0), -1);
      x = Activation.leakyRelu(Linear.linear(x, hiddenWeight, hiddenBias).singletonOrThrow(), 0.1f);
      return Linear.linear(x, outWeight, outBias).singletonOrThrow();
    }

    private static NDArray param(Block block, String name, NDManager scope) {
      NDArray copy = block.getParameters().get(name).getArray().duplicate();
      copy.attach(scope);
      return copy;
    }
  }

  private static SequentialBlock textEncoder() {
    return new SequentialBlock()
        // A linear map of one-hot word + one-hot position: word embedding plus position embedding.
        .add(Linear.builder().setUnits(TEXT_WIDTH).optBias(false).build())
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().transpose(0, 2, 1))))
        .add(Conv1d.builder().setKernelShape(new Shape(3)).optPadding(new Shape(1)).setFilters(TEXT_WIDTH).build())
        .add(Activation.reluBlock())
        .add(Conv1d.builder().setKernelShape(new Shape(3)).optPadding(new Shape(1)).setFilters(TEXT_WIDTH).build())
        .add(Activation.reluBlock())
        .add(new LambdaBlock(x -> {
          NDArray h = x.singletonOrThrow();
          return new NDList(h.max(new int[] {2}).concat(h.mean(new int[] {2}), 1));
        }))
        .add(Linear.builder().setUnits(256).build())
        .add(Activation.leakyReluBlock(0.1f)) // a dead ReLU layer here would fix every embedding
        .add(Linear.builder().setUnits(EMBEDDING).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray image = images.forward(store, new NDList(inputs.get(0)), training, params).singletonOrThrow();
    NDArray text = texts.forward(store, new NDList(inputs.get(1)), training, params).singletonOrThrow();
    return new NDList(image, text);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {
      new Shape(inputShapes[0].get(0), EMBEDDING), new Shape(inputShapes[1].get(0), EMBEDDING)
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    images.initialize(manager, dataType, inputShapes[0]);
    texts.initialize(manager, dataType, inputShapes[1]);
  }
}
