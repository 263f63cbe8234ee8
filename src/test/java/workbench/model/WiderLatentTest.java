package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * An autoencoder with more numbers per latent cell than the shipped 4 (try tt's lead), at smoke
 * size on the real engine: the whole chain on it (code, decoders' tuning, prior) follows its
 * weights without being told, loads and draws; a code of another width beside it, and a run
 * resumed or continued at another width, are refused by name.
 */
class WiderLatentTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final Path SHIPPED = Path.of("src/main/resources/models/sketchbook-v1");

  /** A folder with the shipped checker, generator and judge, and an autoencoder of 8 numbers a cell trained 2 steps. */
  private static Path folderWithWideAutoencoder(Path dir) throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    for (String file : List.of(CheckerTraining.WEIGHTS, GeneratorTraining.WEIGHTS, JudgeTraining.WEIGHTS)) {
      Files.copy(SHIPPED.resolve(file), models.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    AutoencoderTraining.train(new AutoencoderTraining.Settings(2, 5, 4, 1e-3f, 1, 2), 8, null, models, QUIET);
    ModelCard.readOrFresh(models).writeTo(models);
    return models;
  }

  @Test
  void theWholeChainFollowsAWiderAutoencodersWeightsAndDraws(@TempDir Path dir) throws Exception {
    Path models = folderWithWideAutoencoder(dir);
    try (var autoencoder = SketchbookAutoencoder.load(ModelSource.directory(models), Device.cpu())) {
      assertThat(autoencoder.channels()).isEqualTo(8);
      assertThat(autoencoder.latentValues()).isEqualTo(8 * 16 * 16);
      float[] drawn = autoencoder.decode(new float[autoencoder.latentValues()]);
      assertThat(drawn).hasSize(SketchbookDiffusion.PIXELS);
    }

    CodeTraining.train(new CodeTraining.Settings(2, 5, 4, 1e-3f, 1, 2), ModelSource.directory(models), models, QUIET);
    ModelCard.readOrFresh(models).writeTo(models);
    try (var code = SketchbookCode.load(ModelSource.directory(models), Device.cpu())) {
      assertThat(code.channels()).isEqualTo(8);
    }

    Path drawing = dir.resolve("drawing");
    CodeTraining.tuneDecoders(new CodeTraining.Settings(1, 5, 4, 1e-3f, 1, 1), ModelSource.directory(models), drawing,
        QUIET);
    assertThat(AutoencoderNetwork.channelsOf(Files.readAllBytes(drawing.resolve(SketchbookAutoencoder.WEIGHTS))))
        .isEqualTo(8);
    assertThat(CodeNetwork.channelsOf(Files.readAllBytes(drawing.resolve(SketchbookCode.WEIGHTS)))).isEqualTo(8);

    Path prior = dir.resolve("prior");
    PriorTraining.train(new PriorTraining.Settings(2, 7, 16, 5e-4f, 1, 0.99f, 0.1, 2, 100, false),
        ModelSource.classpath(), ModelSource.directory(models), prior, QUIET);
    for (String file : List.of(SketchbookDiffusion.WEIGHTS, CodeDirections.FILE)) {
      Files.copy(prior.resolve(file), models.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    ModelCard.readOrFresh(models).writeTo(models);
    try (var checker = SketchbookChecker.load(ModelSource.directory(models), Device.cpu());
        var diffusion = SketchbookDiffusion.load(ModelSource.directory(models), Device.cpu(), checker)) {
      assertThat(diffusion.stateSize()).isEqualTo(CodeNetwork.CODE);
      float[][] noise = {DiffusionTraining.gaussian(new SplittableRandom(3), diffusion.stateSize())};
      var prompts = List.of(SketchbookDiffusion.Prompt.of("a red ball on the grass"));
      var once = diffusion.generate(prompts, noise, 2, 3.0, DiffusionSampler.DDIM).get(0);
      var twice = diffusion.generate(prompts, noise, 2, 3.0, DiffusionSampler.DDIM).get(0);
      assertThat(once.getWidth()).isEqualTo(64);
      assertThat(once.getRGB(0, 0, 64, 64, null, 0, 64)).isEqualTo(twice.getRGB(0, 0, 64, 64, null, 0, 64));
    }
  }

  /** The shipped prior and autoencoder (4 a cell) with a code of a wider autoencoder: refused, naming both files. */
  @Test
  void aCodeOfAnotherLatentBesideTheAutoencoderIsRefusedByName(@TempDir Path dir) throws Exception {
    Path models = folderWithWideAutoencoder(dir);
    CodeTraining.train(new CodeTraining.Settings(1, 5, 4, 1e-3f, 1, 1), ModelSource.directory(models), models, QUIET);
    for (String file : List.of(SketchbookAutoencoder.WEIGHTS, SketchbookDiffusion.WEIGHTS)) {
      Files.copy(SHIPPED.resolve(file), models.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    ModelCard.readOrFresh(models).writeTo(models);
    try (var checker = SketchbookChecker.load(ModelSource.directory(models), Device.cpu())) {
      assertThatThrownBy(() -> SketchbookDiffusion.load(ModelSource.directory(models), Device.cpu(), checker))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("code.params folds a latent of 8 numbers a cell, autoencoder.params draws one of 4");
    }
  }

  @Test
  void aRunResumedOrContinuedAtAnotherWidthIsRefusedBeforeItTrains(@TempDir Path dir) throws Exception {
    Path models = folderWithWideAutoencoder(dir);
    var settings = new AutoencoderTraining.Settings(3, 5, 4, 1e-3f, 1, 3);
    assertThatThrownBy(() -> AutoencoderTraining.train(settings, 4, null, models, QUIET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 8 latent channels, not 4: resume it with as many");
    assertThatThrownBy(() -> AutoencoderTraining.train(settings, 6, ModelSource.directory(models), dir.resolve("run"),
        QUIET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 8 latent channels, not 6");
    assertThat(dir.resolve("run")).doesNotExist();
    // Without a width, a continued run takes its init's.
    var continued = AutoencoderTraining.train(new AutoencoderTraining.Settings(1, 5, 4, 1e-7f, 1, 1),
        ModelSource.directory(models), dir.resolve("continued"), QUIET);
    assertThat(continued.steps()).isEqualTo(1);
    assertThat(AutoencoderNetwork.channelsOf(Files.readAllBytes(
        dir.resolve("continued").resolve(SketchbookAutoencoder.WEIGHTS)))).isEqualTo(8);
  }
}
