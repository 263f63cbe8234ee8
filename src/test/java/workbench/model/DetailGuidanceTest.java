package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.loop.SeedStatic;

/**
 * Guidance split along the scene code's main directions ({@link CodeDirections}): shipped weights,
 * real engine. The shipped folder lists the directions; a copy of it without them is the model as
 * it was, with one guidance for all.
 */
class DetailGuidanceTest {

  @TempDir
  static Path withoutDirections;

  static SketchbookChecker checker;
  static SketchbookDiffusion shipped;
  static SketchbookDiffusion plain;
  static CodeDirections directions;

  @BeforeAll
  static void load() throws IOException {
    checker = SketchbookChecker.load();
    shipped = SketchbookDiffusion.load(ModelSource.classpath(), Device.cpu(), checker);
    var source = ModelSource.classpath();
    for (String file : List.of(ModelCard.FILE, SketchbookDiffusion.WEIGHTS, SketchbookAutoencoder.WEIGHTS,
        SketchbookCode.WEIGHTS)) {
      Files.write(withoutDirections.resolve(file), source.read(file));
    }
    ModelCard.readOrFresh(withoutDirections).writeTo(withoutDirections); // the card lists only the files there
    plain = SketchbookDiffusion.load(ModelSource.directory(withoutDirections), Device.cpu(), checker);
    directions = CodeDirections.read(source.read(CodeDirections.FILE), CodeNetwork.CODE);
  }

  @AfterAll
  static void close() {
    plain.close();
    shipped.close();
    checker.close();
  }

  static final List<SketchbookDiffusion.Prompt> PROMPT = List.of(SketchbookDiffusion.Prompt.of("a red ball on the grass"));

  static float[][] start() {
    return new float[][] {SeedStatic.latent(7, CodeNetwork.CODE)};
  }

  @Test
  void theShippedModelHasDirectionsAndGivesDetailItsShare() {
    assertThat(directions.count()).isEqualTo(CodeDirections.COARSE);
    assertThat(shipped.detailGuidance(3)).isCloseTo(5, within(1e-12));
    assertThat(plain.detailGuidance(3)).isEqualTo(3);
  }

  @Test
  void detailGuidanceEqualToTheGuidanceIsTheModelWithoutDirections() {
    assertThat(shipped.velocity(start(), 0.6, PROMPT, 3, 3)[0]).containsExactly(plain.velocity(start(), 0.6, PROMPT, 3)[0]);
    assertThat(shipped.velocity(start(), 0.6, PROMPT, 3)[0]).isNotEqualTo(plain.velocity(start(), 0.6, PROMPT, 3)[0]);
  }

  @Test
  void detailGuidanceMovesTheVelocityOnlyOffTheMainDirections() {
    float[] one = shipped.velocity(start(), 0.6, PROMPT, 3, 3)[0];
    float[] split = shipped.velocity(start(), 0.6, PROMPT, 3, 5)[0];
    double[] change = new double[one.length];
    for (int j = 0; j < one.length; j++) {
      change[j] = split[j] - one[j];
    }
    double[] along = new double[one.length];
    directions.coarse(change, along);
    assertThat(norm(change)).isGreaterThan(0.05);
    assertThat(norm(along)).isLessThan(1e-3 * norm(change));
  }

  @Test
  void principalDirectionsComeLargestSpreadFirstOrthonormalAndSurviveTheFile() throws IOException {
    // Codes spread 3 along (1, 1, 0, 0)/sqrt 2, 2 along the third axis, 0.5 elsewhere.
    var random = new Random(5);
    float[][] codes = new float[4000][4];
    for (float[] c : codes) {
      double a = 3 * random.nextGaussian();
      c[0] = (float) (a / Math.sqrt(2) + 0.5 * random.nextGaussian());
      c[1] = (float) (a / Math.sqrt(2) + 0.5 * random.nextGaussian());
      c[2] = (float) (2 * random.nextGaussian());
      c[3] = (float) (0.5 * random.nextGaussian());
    }
    var found = CodeDirections.principal(codes, 2);
    Path file = withoutDirections.resolve("directions-test.bin");
    found.write(file);
    var read = CodeDirections.read(Files.readAllBytes(file), 4);
    double[] first = along(read, new double[] {1, 1, 0, 0});
    double[] second = along(read, new double[] {0, 0, 1, 0});
    double[] off = along(read, new double[] {0, 0, 0, 1});
    double[] across = along(read, new double[] {1, -1, 0, 0});
    assertThat(norm(first)).isCloseTo(Math.sqrt(2), within(0.05)); // kept whole: it is a main direction
    assertThat(norm(second)).isCloseTo(1, within(0.05));
    assertThat(norm(off)).isLessThan(0.05);
    assertThat(norm(across)).isLessThan(0.05);
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes(CodeDirections.principal(codes, 2)));
    assertThatThrownBy(() -> CodeDirections.read(Files.readAllBytes(file), 5))
        .isInstanceOf(IOException.class).hasMessageContaining(CodeDirections.FILE);
  }

  private static double[] along(CodeDirections d, double[] v) {
    double[] out = new double[v.length];
    d.coarse(v, out);
    return out;
  }

  private static byte[] bytes(CodeDirections d) throws IOException {
    Path file = withoutDirections.resolve("again.bin");
    d.write(file);
    return Files.readAllBytes(file);
  }

  private static double norm(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }
}
