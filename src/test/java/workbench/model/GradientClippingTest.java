package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RenderTraining#clipGradients} on the real engine: the length it reports is the
 * gradients' own, a gradient longer than the limit is scaled down to it without turning, a
 * shorter one (or a limit of 0) is left alone, and a frozen parameter is neither counted nor
 * touched.
 */
class GradientClippingTest {

  @Test
  void reportsTheGradientsLengthAndScalesALongerOneDownToTheLimitKeepingItsDirection() {
    withGradients(false, (block, before) -> {
      double length = length(before);
      assertThat(length).isGreaterThan(0.1);

      double reported = RenderTraining.clipGradients(block, (float) (length / 4));

      assertThat(reported).isCloseTo(length, within(1e-4 * length));
      List<float[]> after = gradients(block);
      assertThat(length(after)).isCloseTo(length / 4, within(1e-4 * length));
      for (int p = 0; p < before.size(); p++) {
        for (int i = 0; i < before.get(p).length; i++) {
          assertThat(after.get(p)[i]).isCloseTo(before.get(p)[i] / 4, within(1e-6f + 1e-4f * Math.abs(before.get(p)[i])));
        }
      }
    });
  }

  @Test
  void aGradientWithinTheLimitOrALimitOfZeroChangesNothing() {
    withGradients(false, (block, before) -> {
      double length = length(before);
      RenderTraining.clipGradients(block, (float) (length * 2));
      RenderTraining.clipGradients(block, 0f);
      List<float[]> after = gradients(block);
      for (int p = 0; p < before.size(); p++) {
        assertThat(after.get(p)).containsExactly(before.get(p));
      }
    });
  }

  @Test
  void aFrozenLayerIsNeitherCountedNorScaled() {
    withGradients(true, (block, trainable) -> {
      double reported = RenderTraining.clipGradients(block, (float) (length(trainable) / 2));
      // Only the second layer trains: the length is its gradients' alone, and it is what got halved.
      assertThat(reported).isCloseTo(length(trainable), within(1e-4 * reported));
      assertThat(length(gradients(block))).isCloseTo(reported / 2, within(1e-4 * reported));
    });
  }

  private interface Check {
    void accept(SequentialBlock block, List<float[]> gradients);
  }

  /** Two linear layers after one backward pass on a fixed batch; the first frozen when asked. */
  private static void withGradients(boolean freezeFirst, Check check) {
    var block = new SequentialBlock().add(Linear.builder().setUnits(6).build())
        .add(Linear.builder().setUnits(3).build());
    try (Model model = Model.newInstance("clip", Device.cpu());
        NDManager scope = NDManager.newBaseManager(Device.cpu())) {
      model.setBlock(block);
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
        trainer.initialize(new Shape(5, 4));
        if (freezeFirst) {
          block.getChildren().get(0).getValue().freezeParameters(true);
        }
        var random = new SplittableRandom(3);
        float[] values = new float[20];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) random.nextGaussian() * 3;
        }
        NDArray x = scope.create(values, new Shape(5, 4));
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
          collector.backward(out.square().sum());
        }
        check.accept(block, gradients(block));
      }
    }
  }

  /** The trainable parameters' gradients, copied out. */
  private static List<float[]> gradients(SequentialBlock block) {
    var out = new ArrayList<float[]>();
    for (var p : block.getParameters().values()) {
      if (p.requiresGradient()) {
        try (NDArray gradient = p.getArray().getGradient()) {
          out.add(gradient.toFloatArray());
        }
      }
    }
    return out;
  }

  private static double length(List<float[]> gradients) {
    double squares = 0;
    for (float[] g : gradients) {
      for (float v : g) {
        squares += (double) v * v;
      }
    }
    return Math.sqrt(squares);
  }
}
