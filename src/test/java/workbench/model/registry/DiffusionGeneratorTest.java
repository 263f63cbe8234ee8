package workbench.model.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The diffusion-shaped TorchScript fixture through the Java DDIM sampler. */
class DiffusionGeneratorTest {

  static ModelRegistry registry;
  static DiffusionGenerator sd;

  @BeforeAll
  static void load() {
    registry = ModelRegistry.scan(Fixtures.dir());
    sd = registry.generator("tiny-sd");
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  static float[] noise(long seed, int size) {
    var random = new SplittableRandom(seed);
    var z = new float[size];
    for (int i = 0; i < size; i++) {
      z[i] = (float) (Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble()));
    }
    return z;
  }

  static byte[] sample(long seed, DiffusionGenerator.Prompt prompt, int steps) throws IOException {
    try (NDManager scope = NDManager.newBaseManager(sd.device())) {
      var z = new float[][] {noise(seed, sd.latentSize())};
      var condition = sd.condition(scope, List.of(prompt));
      for (int step = 1; step <= steps; step++) {
        sd.denoise(scope, z, new boolean[] {true}, condition, step, steps, sd.guidance());
      }
      BufferedImage image = ImageArrays.images(sd.decode(scope.create(z[0], new Shape(1, sd.latentSize())))).get(0);
      assertThat(image.getWidth()).isEqualTo(sd.imageSize());
      var out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    }
  }

  static DiffusionGenerator.Prompt prompt(String... textsAndWeights) {
    var texts = new ArrayList<String>();
    var weights = new double[textsAndWeights.length / 2];
    for (int i = 0; i < textsAndWeights.length; i += 2) {
      texts.add(textsAndWeights[i]);
      weights[i / 2] = Double.parseDouble(textsAndWeights[i + 1]);
    }
    return new DiffusionGenerator.Prompt(texts, weights);
  }

  @Test
  void sameSeedSamePngBytesOtherSeedOtherImage() throws IOException {
    var p = prompt("red apple", "1", "blurry", "-0.5");
    byte[] a = sample(7, p, 4);
    assertThat(sample(7, p, 4)).isEqualTo(a);
    assertThat(sample(8, p, 4)).isNotEqualTo(a);
  }

  @Test
  void negativeTermsAndWeightsChangeTheConditioning() {
    try (NDManager scope = NDManager.newBaseManager(sd.device())) {
      var plain = sd.condition(scope, List.of(prompt("red apple", "1", "table", "1"))).toFloatArray();
      var weighted = sd.condition(scope, List.of(prompt("red apple", "2", "table", "1"))).toFloatArray();
      var negative = sd.condition(scope, List.of(prompt("red apple", "1", "table", "1", "blurry", "-1"))).toFloatArray();
      int half = plain.length / 2; // [negative, positive] per prompt
      assertThat(Arrays.copyOfRange(weighted, half, plain.length))
          .isNotEqualTo(Arrays.copyOfRange(plain, half, plain.length));
      assertThat(Arrays.copyOfRange(weighted, 0, half)).isEqualTo(Arrays.copyOfRange(plain, 0, half));
      assertThat(Arrays.copyOfRange(negative, 0, half)).isNotEqualTo(Arrays.copyOfRange(plain, 0, half));
      assertThat(Arrays.copyOfRange(negative, half, plain.length))
          .isEqualTo(Arrays.copyOfRange(plain, half, plain.length));
    }
  }

  @Test
  void theNegativePromptIsTheNegativeConditioningAheadOfTheNegativeTerms() {
    try (NDManager scope = NDManager.newBaseManager(sd.device())) {
      var terms = List.of("red apple", "blurry");
      var weights = new double[] {1, -1};
      var asOneText = sd.condition(scope, List.of(new DiffusionGenerator.Prompt(List.of("red apple", "dark, blurry"),
          new double[] {1, -1}))).toFloatArray();
      var withNegativePrompt = sd.condition(scope, List.of(new DiffusionGenerator.Prompt(terms, weights, "dark")))
          .toFloatArray();
      var withoutIt = sd.condition(scope, List.of(new DiffusionGenerator.Prompt(terms, weights))).toFloatArray();
      int half = asOneText.length / 2;
      // "dark" then the negative term, joined by ", ": the same negative text as writing both as one term.
      assertThat(Arrays.copyOfRange(withNegativePrompt, 0, half))
          .isEqualTo(Arrays.copyOfRange(asOneText, 0, half))
          .isNotEqualTo(Arrays.copyOfRange(withoutIt, 0, half));
      assertThat(Arrays.copyOfRange(withNegativePrompt, half, asOneText.length))
          .isEqualTo(Arrays.copyOfRange(withoutIt, half, asOneText.length));
    }
  }

  @Test
  void ddimTimestepsRunFromHighToLowAsDiffusersHasThem() {
    var ddim = new DdimScheduler(1000, 0.00085, 0.012);
    // diffusers DDIMScheduler(steps_offset=1).set_timesteps(4): [751, 501, 251, 1]
    assertThat(List.of(ddim.timestep(1, 4), ddim.timestep(2, 4), ddim.timestep(3, 4), ddim.timestep(4, 4)))
        .containsExactly(751, 501, 251, 1);
    assertThat(ddim.alphaCumprod(999)).isCloseTo(0.00466, Offset.offset(1e-4));
  }
}
