package workbench.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class SeedStaticTest {

  @Test
  void sameSeedAndSizeGiveTheSamePixels() {
    assertThat(pixels(SeedStatic.of(42, 64, 64))).isEqualTo(pixels(SeedStatic.of(42, 64, 64)));
  }

  @Test
  void differentSeedsGiveDifferentStatic() {
    assertThat(pixels(SeedStatic.of(42, 64, 64))).isNotEqualTo(pixels(SeedStatic.of(43, 64, 64)));
  }

  /** Pinned values: a change of algorithm would silently change every stored step-0 image. */
  @Test
  void theAlgorithmIsPinned() {
    var image = SeedStatic.of(42, 8, 8);
    assertThat(Integer.toHexString(image.getRGB(0, 0) & 0xFFFFFF))
        .isEqualTo(Integer.toHexString(expectedFirstPixel(42)));
    assertThat(SeedStatic.mix(0)).isEqualTo(0L);
    assertThat(SeedStatic.mix(1)).isEqualTo(0x5692161d100b05e5L);
  }

  @Test
  void staticLooksLikeUniformNoise() {
    var image = SeedStatic.of(7, 128, 128);
    long sum = 0;
    for (int rgb : pixels(image)) {
      sum += (rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff);
    }
    double mean = sum / (128.0 * 128 * 3);
    assertThat(mean).isBetween(125.0, 130.0);
  }

  @Test
  void latentIsStandardNormalAndRepeatable() {
    var z = SeedStatic.latent(42, 20_000);
    assertThat(SeedStatic.latent(42, 20_000)).isEqualTo(z);
    double mean = 0;
    double square = 0;
    for (float v : z) {
      mean += v;
      square += v * v;
    }
    mean /= z.length;
    double variance = square / z.length - mean * mean;
    assertThat(mean).isBetween(-0.03, 0.03);
    assertThat(variance).isBetween(0.95, 1.05);
    assertThat(SeedStatic.latent(43, 16)).isNotEqualTo(SeedStatic.latent(42, 16));
  }

  @Test
  void rejectsSeedsOutsideTheRange() {
    assertThatThrownBy(() -> SeedStatic.of(-1, 8, 8)).hasMessageContaining("outside 0 … 4294967295");
    assertThatThrownBy(() -> SeedStatic.latent(1L << 32, 8)).hasMessageContaining("outside");
    assertThat(SeedStatic.of(SeedStatic.MAX_SEED, 2, 2).getWidth()).isEqualTo(2);
  }

  private static int expectedFirstPixel(long seed) {
    // Written out from the documented formula, independently of SeedStatic.value.
    long stream = 0x5EED_57A7_1C00_0001L;
    int[] channel = new int[3];
    for (int c = 0; c < 3; c++) {
      long z = splitmix(seed ^ stream) + c * 0x9E3779B97F4A7C15L;
      channel[c] = (int) (splitmix(z) >>> 56);
    }
    return channel[0] << 16 | channel[1] << 8 | channel[2];
  }

  private static long splitmix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }
}
