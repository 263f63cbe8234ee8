package workbench.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * Floating-point operations of one forward pass, counted by running the block once on a real
 * input and reading each layer's actual input and output shapes (so reshapes and upsampling in
 * lambda blocks are followed). Convolutions and linear layers only: 2 × multiply-adds; norms,
 * activations and pooling are a rounding error beside them.
 */
public final class Flops {

  private Flops() {}

  /** FLOPs of {@code block} on {@code input}; linear layers are counted per example, so pass batch 1. */
  public static long count(Block block, NDList input) {
    var store = new ParameterStore(input.head().getManager(), false);
    return count(block, input, store);
  }

  private static long count(Block block, NDList input, ParameterStore store) {
    if (block instanceof SequentialBlock sequence) {
      long total = 0;
      NDList current = input;
      for (Block child : sequence.getChildren().values()) {
        total += layer(child, current, store);
        current = child.forward(store, current, false);
      }
      return total;
    }
    return layer(block, input, store);
  }

  private static long layer(Block block, NDList input, ParameterStore store) {
    if (block instanceof SequentialBlock) {
      return count(block, input, store);
    }
    if (block instanceof Convolution) {
      Shape in = input.head().getShape();
      Shape out = block.forward(store, input, false).head().getShape();
      Shape weight = block.getParameters().get("weight").getArray().getShape();
      long kernel = 1;
      for (int i = 2; i < weight.dimension(); i++) {
        kernel *= weight.get(i);
      }
      long outPositions = 1;
      for (int i = 2; i < out.dimension(); i++) {
        outPositions *= out.get(i);
      }
      return 2L * in.get(1) * out.get(1) * kernel * outPositions * in.get(0);
    }
    if (block instanceof Linear) {
      Shape weight = block.getParameters().get("weight").getArray().getShape();
      return 2L * weight.get(0) * weight.get(1);
    }
    return 0;
  }
}
