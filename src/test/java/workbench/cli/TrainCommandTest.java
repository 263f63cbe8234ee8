package workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import workbench.model.ModelCard;
import workbench.model.ModelSource;
import workbench.model.SketchbookAutoencoder;

/**
 * {@code train --final-learning-rate}, {@code --perceptual-weight} and {@code --max-gradient-norm} as a script sees them:
 * refused with a reason, or kept on the card.
 */
class TrainCommandTest {

  @RegisterExtension final Console console = new Console();

  @TempDir Path temp;

  @Test
  void aFinalRateAboveTheRunsRateIsRefusedBeforeAnythingIsWritten() {
    Path run = temp.resolve("run");
    int exit = train("--model", "prior", "--autoencoder", temp.toString(), "--out", run.toString(),
        "--final-learning-rate", "1e-3");
    assertThat(exit).isEqualTo(Cli.EXIT_BAD_INPUT);
    assertThat(console.stderr()).contains("error: --final-learning-rate 0.001: must be above 0 and at most the run's"
        + " learning rate (5.0E-4)");
    assertThat(run).doesNotExist();

    exit = train("--model", "code", "--autoencoder", temp.toString(), "--out", run.toString(), "--learning-rate",
        "1e-4", "--final-learning-rate", "2e-4");
    assertThat(exit).isEqualTo(Cli.EXIT_BAD_INPUT);
    assertThat(console.stderr()).contains("at most the run's learning rate (1.0E-4)");
    assertThat(run).doesNotExist();
  }

  @Test
  void aModelWithItsOwnDecayRefusesAFinalRate() {
    int exit = train("--model", "judge", "--out", temp.resolve("run").toString(), "--final-learning-rate", "1e-5");
    assertThat(exit).isEqualTo(Cli.EXIT_BAD_INPUT);
    assertThat(console.stderr()).contains("applies to diffusion, prior, autoencoder, code and drawing; the judge already"
        + " decays its rate");
  }

  @Test
  void theCardKeepsTheFinalRateAndTheCommand() throws Exception {
    JsonNode autoencoder = trainedAutoencoder(2, "--final-learning-rate", "1e-5");
    assertThat(autoencoder.path("settings").path("finalLearningRate").floatValue()).isEqualTo(1e-5f);
    assertThat(autoencoder.path("settings").path("learningRate").floatValue()).isEqualTo(1e-3f);
    assertThat(autoencoder.path("command").asText()).endsWith("--final-learning-rate 1.0E-5");
  }

  @Test
  void aPerceptualWeightIsRefusedWhereNoImageIsDrawnOrBelowZero() {
    assertRefusedBeforeAnythingIsWritten("error: --perceptual-weight 1.0: applies to autoencoder, code and drawing,"
        + " whose loss compares images drawn with renders; not to the prior", "--model", "prior",
        "--perceptual-weight", "1");
    assertRefusedBeforeAnythingIsWritten("error: --perceptual-weight -2.0: must be a finite number, 0 or more",
        "--model", "drawing", "--perceptual-weight", "-2");
  }

  @Test
  void theCardKeepsThePerceptualWeightInItsSettingsObjectiveAndCommand() throws Exception {
    JsonNode autoencoder = trainedAutoencoder(1, "--perceptual-weight", "0.5");
    assertThat(autoencoder.path("settings").path("perceptualWeight").floatValue()).isEqualTo(0.5f);
    assertThat(autoencoder.path("objective").asText()).endsWith("+ 0.5 x the perceptual distance of the image drawn"
        + " from the render in the shipped checker's feature maps (unit-length features at its four convolution"
        + " layers, squared distance)");
    assertThat(autoencoder.path("command").asText()).endsWith("--perceptual-weight 0.5");
  }

  @Test
  void aMaxGradientNormIsRefusedForOtherModelsAndAtOrBelowZero() {
    assertRefusedBeforeAnythingIsWritten("error: --max-gradient-norm 1.0: applies to autoencoder, code and drawing;"
        + " not to the prior", "--model", "prior", "--max-gradient-norm", "1");
    assertRefusedBeforeAnythingIsWritten("error: --max-gradient-norm -0.5: must be a finite number above 0",
        "--model", "code", "--max-gradient-norm", "-0.5");
  }

  /** Runs {@code train ARGS --autoencoder TEMP --out RUN} and checks it stops with {@code message}, RUN never made. */
  private void assertRefusedBeforeAnythingIsWritten(String message, String... args) {
    Path run = temp.resolve("run");
    String[] all = java.util.Arrays.copyOf(args, args.length + 4);
    System.arraycopy(new String[] {"--autoencoder", temp.toString(), "--out", run.toString()}, 0, all, args.length, 4);
    assertThat(train(all)).isEqualTo(Cli.EXIT_BAD_INPUT);
    assertThat(console.stderr()).contains(message);
    assertThat(run).doesNotExist();
  }

  @Test
  void aMaxGradientNormClipsTheStepsTheLogCountsAndTheCardKeepsIt() throws Exception {
    // No gradient of a fresh autoencoder is as short as this, so every step is clipped.
    JsonNode autoencoder = trainedAutoencoder(2, "--max-gradient-norm", "1e-6");
    assertThat(console.stdout()).containsPattern("gradient norm since the last checkpoint: median \\S+, largest \\S+,"
        + " 2 of 2 steps clipped");
    assertThat(autoencoder.path("settings").path("maxGradientNorm").floatValue()).isEqualTo(1e-6f);
    assertThat(autoencoder.path("command").asText()).endsWith("--max-gradient-norm 1.0E-6");

    int exit = train("--model", "autoencoder", "--steps", "2", "--out", temp.resolve("unclipped").toString());
    assertThat(exit).as(console.stderr()).isZero();
    assertThat(console.stdout()).contains("0 of 2 steps clipped");
  }

  @Test
  void latentChannelsAreRefusedForOtherModelsAndOutsideOneTo64() {
    assertRefusedBeforeAnythingIsWritten("error: --latent-channels 8: applies to the autoencoder; the code, drawing and"
        + " prior runs follow their autoencoder's weights, not to the code", "--model", "code", "--latent-channels", "8");
    assertRefusedBeforeAnythingIsWritten("error: --latent-channels 0: must be a whole number from 1 to 64",
        "--model", "autoencoder", "--latent-channels", "0");
  }

  @Test
  void latentChannelsOtherThanTheInitsAreRefusedBeforeAnythingIsWritten() {
    Path run = temp.resolve("run");
    int exit = train("--model", "autoencoder", "--steps", "1", "--out", run.toString(), "--latent-channels", "6",
        "--init", "src/main/resources/models/sketchbook-v1");
    assertThat(exit).isEqualTo(Cli.EXIT_BAD_INPUT);
    assertThat(console.stderr()).contains("error: --latent-channels 6: the autoencoder in ")
        .contains("autoencoder.params has 4 latent channels, not 6");
    assertThat(run).doesNotExist();
  }

  @Test
  void theCardKeepsTheLatentChannelsAndTheWeightsHaveThem() throws Exception {
    JsonNode autoencoder = trainedAutoencoder(1, "--latent-channels", "6");
    assertThat(autoencoder.path("latentChannels").intValue()).isEqualTo(6);
    assertThat(autoencoder.path("command").asText()).endsWith("--latent-channels 6");
    try (var loaded = SketchbookAutoencoder.load(ModelSource.directory(temp.resolve("run")), Device.cpu())) {
      assertThat(loaded.channels()).isEqualTo(6);
    }
    // Resumed without the flag, the run would go on at 4: refused, the run's weights as they were.
    byte[] before = java.nio.file.Files.readAllBytes(temp.resolve("run").resolve(SketchbookAutoencoder.WEIGHTS));
    int exit = train("--model", "autoencoder", "--steps", "2", "--out", temp.resolve("run").toString());
    assertThat(exit).isEqualTo(Cli.EXIT_BAD_INPUT);
    assertThat(console.stderr()).contains("error: the run in ").contains("has 6 latent channels, not 4: resume it with"
        + " as many");
    assertThat(temp.resolve("run").resolve(SketchbookAutoencoder.WEIGHTS)).hasBinaryContent(before);
  }

  /**
   * Runs {@code train --model autoencoder --steps STEPS --out TEMP/run FLAGS}, checks that it
   * succeeded and returns the autoencoder's entry in the card it wrote.
   */
  private JsonNode trainedAutoencoder(int steps, String... flags) throws IOException {
    Path run = temp.resolve("run");
    String[] args = {"--model", "autoencoder", "--steps", String.valueOf(steps), "--out", run.toString()};
    String[] all = java.util.Arrays.copyOf(args, args.length + flags.length);
    System.arraycopy(flags, 0, all, args.length, flags.length);
    assertThat(train(all)).as(console.stderr()).isZero();
    return JsonMapper.builder().build().readTree(run.resolve(ModelCard.FILE).toFile()).path("training").path("autoencoder");
  }

  private static int train(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "train";
    System.arraycopy(args, 0, all, 1, args.length);
    return Cli.run(workbench.Application.class, all);
  }
}
