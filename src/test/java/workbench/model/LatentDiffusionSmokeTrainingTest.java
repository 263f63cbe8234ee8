package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --model autoencoder} and {@code train --model diffusion --autoencoder} at smoke
 * size, on the real engine: the autoencoder's loss goes down and it resumes; a diffusion model
 * over its latents trains, loads by its weights alone, and draws the same bytes twice.
 */
class LatentDiffusionSmokeTrainingTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final Path SHIPPED = Path.of("src/main/resources/models/sketchbook-v1");
  /** The first shipped network, over pixels. */
  private static final Path PIXEL = Path.of("experiments/pixel-diffusion-v1");

  @Test
  void theAutoencodersLossGoesDownAndASecondCallContinues(@TempDir Path dir) throws Exception {
    var settings = new AutoencoderTraining.Settings(30, 5, 8, 2e-3f, 2, 15);
    var first = AutoencoderTraining.train(settings, dir, QUIET);
    assertThat(first.firstStep()).isZero();
    List<Double> losses = Files.readAllLines(dir.resolve(AutoencoderTraining.LOSS)).stream().skip(1)
        .map(line -> Double.parseDouble(line.split(",")[1])).toList();
    assertThat(losses).hasSize(30);
    assertThat(mean(losses.subList(25, 30))).isLessThan(0.7 * mean(losses.subList(0, 5)));
    assertThat(dir.resolve("autoencoder-preview.png")).exists();

    var again = AutoencoderTraining.train(new AutoencoderTraining.Settings(32, 5, 8, 2e-3f, 2, 15), dir, QUIET);
    assertThat(again.firstStep()).isEqualTo(30);
    assertThat(Files.readAllLines(dir.resolve(AutoencoderTraining.LOSS))).hasSize(1 + 32);
  }

  /**
   * {@code --final-learning-rate} reaches the optimizer: a decaying run takes the same first step
   * as a run at the fixed rate (its warm-up and the curve's top) and a smaller second one, so the
   * two agree on the loss until step 3 and part there.
   */
  @Test
  void aFinalLearningRateDecaysTheRunsSteps(@TempDir Path dir) throws Exception {
    AutoencoderTraining.train(new AutoencoderTraining.Settings(3, 5, 8, 2e-3f, 1, 3), dir.resolve("fixed"), QUIET);
    AutoencoderTraining.train(new AutoencoderTraining.Settings(3, 5, 8, 2e-3f, 1, 3, 2e-6f, 0f), dir.resolve("decaying"),
        QUIET);
    List<Double> fixed = losses(dir.resolve("fixed"));
    List<Double> decaying = losses(dir.resolve("decaying"));
    assertThat(decaying.subList(0, 2)).isEqualTo(fixed.subList(0, 2));
    assertThat(decaying.get(2)).isNotEqualTo(fixed.get(2));
  }

  private static List<Double> losses(Path run) throws java.io.IOException {
    return Files.readAllLines(run.resolve(AutoencoderTraining.LOSS)).stream().skip(1)
        .map(line -> Double.parseDouble(line.split(",")[1])).toList();
  }

  /** {@code --init}: a fresh autoencoder run starts from the shipped autoencoder, not from nothing. */
  @Test
  void anAutoencoderRunWithInitStartsFromThatAutoencoder(@TempDir Path dir) throws Exception {
    var settings = new AutoencoderTraining.Settings(1, 5, 8, 1e-7f, 1, 1);
    var fresh = AutoencoderTraining.train(settings, dir.resolve("fresh"), QUIET);
    var continued = AutoencoderTraining.train(settings, ModelSource.directory(SHIPPED), dir.resolve("continued"),
        QUIET);
    assertThat(continued.heldOutError()).isLessThan(0.06);
    assertThat(fresh.heldOutError()).isGreaterThan(3 * continued.heldOutError());
    assertThat(continued.loss()).isLessThan(0.5 * fresh.loss());
  }

  @Test
  void aDiffusionModelOverTheLatentsTrainsLoadsAndIsReproducible(@TempDir Path dir) throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    for (String file : List.of(CheckerTraining.WEIGHTS, GeneratorTraining.WEIGHTS, JudgeTraining.WEIGHTS)) {
      Files.copy(SHIPPED.resolve(file), models.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    AutoencoderTraining.train(new AutoencoderTraining.Settings(2, 5, 4, 1e-3f, 1, 2), models, QUIET);
    ModelCard.fresh().writeTo(models);
    assertThat(ModelCard.readOrFresh(models).sha256()).containsKey(SketchbookAutoencoder.WEIGHTS);

    Path run = dir.resolve("run");
    var settings = new DiffusionTraining.Settings(2, 7, 4, 5e-4f, 2, 0.99f, 0.1, 2, true);
    // From the shipped pixel network: the layers the two share are lent, the latent's own start fresh.
    var result = DiffusionTraining.train(settings, ModelSource.classpath(), ModelSource.directory(models), PIXEL,
        run, QUIET);
    assertThat(result.loss()).isFinite();
    byte[] weights = Files.readAllBytes(run.resolve(SketchbookDiffusion.WEIGHTS));
    assertThat(DiffusionNetwork.latent(HalfWeights.names(weights))).isTrue();
    assertThat(DiffusionNetwork.latent(HalfWeights.names(Files.readAllBytes(PIXEL.resolve(SketchbookDiffusion.WEIGHTS)))))
        .isFalse();

    Files.copy(run.resolve(SketchbookDiffusion.WEIGHTS), models.resolve(SketchbookDiffusion.WEIGHTS));
    ModelCard.readOrFresh(models).writeTo(models);
    try (var checker = SketchbookChecker.load(ModelSource.directory(models), Device.cpu());
        var diffusion = SketchbookDiffusion.load(ModelSource.directory(models), Device.cpu(), checker)) {
      assertThat(diffusion.latent()).isTrue();
      assertThat(diffusion.stateSize()).isEqualTo(AutoencoderNetwork.LATENT * 16 * 16);
      float[][] noise = {DiffusionTraining.gaussian(new SplittableRandom(3), diffusion.stateSize())};
      var prompts = List.of(SketchbookDiffusion.Prompt.of("a red ball on the grass"));
      var once = diffusion.generate(prompts, noise, 3, 3.0, DiffusionSampler.DDIM).get(0);
      var twice = diffusion.generate(prompts, noise, 3, 3.0, DiffusionSampler.DDIM).get(0);
      assertThat(once.getWidth()).isEqualTo(64);
      assertThat(pixels(once)).isEqualTo(pixels(twice));
    }
  }

  private static int[] pixels(java.awt.image.BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
