package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.sketchbook.Sketchbook;

/** Tens of judge training steps: the loss goes down, the files are written, and the weights load again. */
class JudgeSmokeTrainingTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void judgeLossGoesDownAndTheWeightsReload(@TempDir Path dir) throws Exception {
    JudgeTraining.train(new JudgeTraining.Settings(40, 7, 16, 3e-3f, 0.25), null, dir, QUIET);
    List<Double> losses = losses(dir.resolve(JudgeTraining.LOSS_CSV));
    assertThat(losses).hasSize(40);
    assertThat(mean(losses.subList(30, 40))).isLessThan(0.8 * mean(losses.subList(0, 10)));
    ModelCard.fresh().writeTo(dir);
    assertThat(ModelCard.readOrFresh(dir).sha256()).containsKey(JudgeTraining.WEIGHTS);

    var images = List.of(Sketchbook.render(Sketchbook.scene(1)), Sketchbook.render(Sketchbook.scene(2)),
        new BufferedImage(128, 96, BufferedImage.TYPE_INT_RGB));
    try (var judge = SketchbookJudge.load(ModelSource.directory(dir), Device.cpu())) {
      assertThat(judge.read(images)).hasSize(3);
      float[][] features = judge.features(images);
      assertThat(features).hasNumberOfRows(3);
      assertThat(features[0]).hasSize(JudgeNetwork.FEATURES);
      assertThat(features[0]).isNotEqualTo(features[1]);
    }
  }

  @Test
  void trainingContinuesFromSavedWeights(@TempDir Path dir) throws Exception {
    var settings = new JudgeTraining.Settings(30, 7, 16, 3e-3f, 0.25);
    JudgeTraining.train(settings, null, dir.resolve("first"), QUIET);
    JudgeTraining.train(new JudgeTraining.Settings(5, 8, 16, 1e-4f, 0.25), dir.resolve("first"), dir.resolve("second"), QUIET);
    List<Double> fresh = losses(dir.resolve("first").resolve(JudgeTraining.LOSS_CSV));
    List<Double> continued = losses(dir.resolve("second").resolve(JudgeTraining.LOSS_CSV));
    // Continued weights start where the first run ended, not where a fresh network starts.
    assertThat(mean(continued)).isLessThan(mean(fresh.subList(0, 5)));
  }

  @Test
  void missingJudgeWeightsNameTheFile(@TempDir Path dir) throws Exception {
    ModelCard.fresh().writeTo(dir);
    assertThatThrownBy(() -> SketchbookJudge.load(ModelSource.directory(dir), Device.cpu()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("missing model file")
        .hasMessageContaining(dir.resolve(JudgeTraining.WEIGHTS).toString());
  }

  private static List<Double> losses(Path csv) throws Exception {
    return Files.readAllLines(csv).stream().skip(1).map(l -> Double.parseDouble(l.split(",")[1])).toList();
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
