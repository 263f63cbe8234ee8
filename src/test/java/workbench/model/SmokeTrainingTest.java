package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tens of training steps: the loss goes down and the files a training run promises are written. */
class SmokeTrainingTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void checkerLossGoesDownAndGeneratorTrainsAgainstIt(@TempDir Path dir) throws Exception {
    var settings = new CheckerTraining.Settings(40, 7, 16, 3e-3f, 0.0);
    CheckerTraining.train(settings, dir, QUIET);
    List<Double> losses = losses(dir.resolve("checker-loss.csv"));
    assertThat(losses).hasSize(40);
    assertThat(mean(losses.subList(30, 40))).isLessThan(mean(losses.subList(0, 10)));
    ModelCard.fresh().writeTo(dir);
    assertThat(ModelCard.readOrFresh(dir).sha256()).containsKey(CheckerTraining.WEIGHTS);

    var generator = new GeneratorTraining.Settings(12, 7, 8, 2e-3f, 10f, 100f);
    GeneratorTraining.train(generator, dir, dir, QUIET);
    List<Double> generatorLosses = losses(dir.resolve("generator-loss.csv"));
    assertThat(mean(generatorLosses.subList(8, 12))).isLessThan(mean(generatorLosses.subList(0, 4)));
    ModelCard.readOrFresh(dir).writeTo(dir);
    try (var checker = SketchbookChecker.load(ModelSource.directory(dir), Device.cpu());
        var prior = GeneratorPrior.load(ModelSource.directory(dir), Device.cpu(), checker)) {
      var image = prior.decode(GeneratorPrior.latent(1), "a red apple");
      assertThat(image.getWidth()).isEqualTo(64);
    }
  }

  private static List<Double> losses(Path csv) throws Exception {
    return Files.readAllLines(csv).stream().skip(1).map(l -> Double.parseDouble(l.split(",")[1])).toList();
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
