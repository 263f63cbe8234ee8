package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import workbench.model.SketchbookDiffusion.Part;

/**
 * How a part of a prompt becomes the Sketchbook diffusion model's condition, checked against the
 * text encoder's own rows (shipped weights, real engine): a plain part is the encoder's row for
 * its text; emphasis scales its tokens' states and then all states back to their unweighted mean
 * (A1111's rule); a BREAK chunk is encoded on its own and its tokens follow the earlier ones.
 */
class DiffusionPartsTest {

  static final int WIDTH = CheckerNetwork.CONDITION_WIDTH;
  static final int TOKENS = TextFeatures.LENGTH;
  static final int EMBEDDING = WIDTH - CheckerNetwork.TEXT_WIDTH * TOKENS;

  static SketchbookChecker checker;
  static SketchbookDiffusion diffusion;

  @BeforeAll
  static void load() {
    checker = SketchbookChecker.load();
    diffusion = SketchbookDiffusion.load(ModelSource.classpath(), Device.cpu(), checker);
  }

  @AfterAll
  static void close() {
    diffusion.close();
    checker.close();
  }

  static float[] encoder(String text) {
    try (NDManager scope = NDManager.newBaseManager(Device.cpu())) {
      return checker.conditioning(scope, List.of(text, "")).get("0").toFloatArray();
    }
  }

  static float[] condition(Part part) {
    try (NDManager scope = NDManager.newBaseManager(Device.cpu())) {
      return diffusion.conditioning(scope, List.of(part)).get("0").toFloatArray();
    }
  }

  /** Token p's state in channel c of a condition row (channel-major, as the encoder lays them out). */
  static float state(float[] row, int c, int p) {
    return row[EMBEDDING + c * TOKENS + p];
  }

  static double meanOfStates(float[] row) {
    double sum = 0;
    for (int i = EMBEDDING; i < WIDTH; i++) {
      sum += row[i];
    }
    return sum / (WIDTH - EMBEDDING);
  }

  @Test
  void aPlainPartIsTheEncodersRowForItsWholeText() {
    var pieces = new Part(List.of("a red ball", "on the grass"), new double[] {1, 1}, new int[] {0, 0}, 1);
    assertThat(condition(pieces)).containsExactly(encoder("a red ball on the grass"));
    assertThat(condition(Part.of("a red ball", 1))).containsExactly(encoder("a red ball"));
  }

  @Test
  void emphasisScalesItsTokensThenRestoresTheMean() {
    var plain = encoder("a red ball");
    var emphasised = condition(new Part(List.of("a", "red", "ball"), new double[] {1, 1.5, 1}, new int[] {0, 0, 0}, 1));
    assertThat(meanOfStates(emphasised)).isCloseTo(meanOfStates(plain), within(1e-5));
    // Every state is rescaled by one factor (read off a state away from "red" that is not 0);
    // "red" (token 1) is in addition 1.5 times its own.
    double rescale = Double.NaN;
    for (int i = EMBEDDING; i < WIDTH && Double.isNaN(rescale); i++) {
      if ((i - EMBEDDING) % TOKENS != 1 && Math.abs(plain[i]) > 0.01) {
        rescale = emphasised[i] / (double) plain[i];
      }
    }
    assertThat(rescale).isNotCloseTo(1.0, within(1e-4));
    int checked = 0;
    for (int c = 0; c < CheckerNetwork.TEXT_WIDTH; c++) {
      for (int p = 0; p < TOKENS; p++) {
        double factor = p == 1 ? 1.5 * rescale : rescale;
        double expected = state(plain, c, p) * factor;
        assertThat((double) state(emphasised, c, p)).as("channel %d, token %d", c, p)
            .isCloseTo(expected, within(1e-5 + 1e-5 * Math.abs(expected)));
        checked += p == 1 && state(plain, c, p) != 0 ? 1 : 0;
      }
    }
    assertThat(checked).as("states of \"red\" that are not 0").isGreaterThan(10);
    // The pooled embedding is the text's own: emphasis works on the token states, as A1111's does.
    assertThat(Arrays.copyOf(emphasised, EMBEDDING)).containsExactly(Arrays.copyOf(plain, EMBEDDING));
  }

  @Test
  void aBreakChunkIsEncodedAloneAndItsTokensFollowTheEarlierOnes() {
    var first = encoder("a red ball");
    var second = encoder("on the grass");
    var chunked = condition(new Part(List.of("a red ball", "on the grass"), new double[] {1, 1}, new int[] {0, 1}, 1));
    assertThat(chunked).isNotEqualTo(encoder("a red ball on the grass"));
    for (int c = 0; c < CheckerNetwork.TEXT_WIDTH; c++) {
      for (int p = 0; p < 3; p++) {
        assertThat(state(chunked, c, p)).isEqualTo(state(first, c, p));
        assertThat(state(chunked, c, 3 + p)).isEqualTo(state(second, c, p));
      }
      // Past the tokens: the first chunk's padding, as one text would have.
      assertThat(state(chunked, c, 10)).isEqualTo(state(first, c, 10));
    }
    // The embedding: the chunks' embeddings averaged and made unit length again.
    double norm = 0;
    for (int e = 0; e < EMBEDDING; e++) {
      norm += (first[e] + second[e]) * (double) (first[e] + second[e]);
    }
    norm = Math.sqrt(norm);
    for (int e = 0; e < EMBEDDING; e++) {
      assertThat((double) chunked[e]).isCloseTo((first[e] + second[e]) / norm, within(1e-6));
    }
  }
}
