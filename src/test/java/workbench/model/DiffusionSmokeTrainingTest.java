package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --model diffusion} at smoke size, on the real engine: checkpoints, a resumed run
 * continues from its step, and {@code --init} starts from the shipped weights.
 */
class DiffusionSmokeTrainingTest {

  static DiffusionTraining.Settings tiny(int steps) {
    return new DiffusionTraining.Settings(steps, 7, 4, 5e-4f, 2, 0.99f, 0.1, 2, false);
  }

  @Test
  void aRunCheckpointsAndASecondCallContinuesFromTheLastCheckpoint(@TempDir Path dir) throws Exception {
    var console = new ByteArrayOutputStream();
    var first = DiffusionTraining.train(tiny(2), ModelSource.classpath(), dir, new PrintStream(console, true, StandardCharsets.UTF_8));
    assertThat(first.firstStep()).isZero();
    assertThat(dir.resolve(DiffusionTraining.RAW)).exists();
    assertThat(dir.resolve(DiffusionTraining.EMA)).exists();
    assertThat(dir.resolve(SketchbookDiffusion.WEIGHTS)).exists();
    assertThat(dir.resolve("diffusion-preview.png")).exists();
    assertThat(DiffusionTraining.resumeStep(dir)).isEqualTo(2);

    var again = DiffusionTraining.train(tiny(3), ModelSource.classpath(), dir, new PrintStream(console, true, StandardCharsets.UTF_8));
    assertThat(again.firstStep()).isEqualTo(2);
    assertThat(DiffusionTraining.resumeStep(dir)).isEqualTo(3);
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("continuing from step 2");
    assertThat(Files.readAllLines(dir.resolve(DiffusionTraining.LOSS))).hasSizeGreaterThan(1);
  }

  @Test
  void initStartsFromTheShippedWeightsWhoseLossIsFarBelowAFreshNetworks(@TempDir Path fresh, @TempDir Path warm)
      throws Exception {
    var quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Path shipped = Path.of("experiments/pixel-diffusion-v1"); // the first shipped pixel network
    // One step each on the same batch (same settings and seed): the loss is that of the starting weights.
    var fromScratch = DiffusionTraining.train(tiny(1), ModelSource.classpath(), fresh, quiet);
    var fromShipped = DiffusionTraining.train(tiny(1), ModelSource.classpath(), shipped, warm, quiet);
    assertThat(fromShipped.loss()).isLessThan(fromScratch.loss() / 2);
  }

  @Test
  void aNetworkGrownWithCrossAttentionStartsAsTheShippedOneAndLoadsByItsWeights(@TempDir Path grown) throws Exception {
    var console = new ByteArrayOutputStream();
    Path shipped = Path.of("experiments/pixel-diffusion-v1"); // the first shipped pixel network
    var settings = tiny(1);
    var withCross = new DiffusionTraining.Settings(1, settings.seed(), settings.batch(), settings.learningRate(),
        settings.warmup(), settings.emaDecay(), settings.conditionDropout(), settings.checkpointEvery(), true);
    var quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    var plain = DiffusionTraining.train(settings, ModelSource.classpath(), shipped,
        Files.createDirectories(grown.resolve("plain")), quiet);
    var cross = DiffusionTraining.train(withCross, ModelSource.classpath(), shipped, grown.resolve("cross"),
        new PrintStream(console, true, StandardCharsets.UTF_8));
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("70 new parameters start as initialised");
    // The cross-attention outputs start at zero: the first step's loss is the shipped network's.
    assertThat(cross.loss()).isCloseTo(plain.loss(), Offset.offset(1e-4));
    // The weights file says which network it is, as the loader reads it.
    assertThat(DiffusionNetwork.crossAttention(HalfWeights.names(
        Files.readAllBytes(grown.resolve("cross").resolve(SketchbookDiffusion.WEIGHTS))))).isTrue();
    assertThat(DiffusionNetwork.crossAttention(HalfWeights.names(
        Files.readAllBytes(shipped.resolve(SketchbookDiffusion.WEIGHTS))))).isFalse();
  }
}
