package workbench.loop;

import java.awt.image.BufferedImage;

/**
 * The starting seed image: pure static from (seed, width, height), the same on every machine.
 *
 * <p>The algorithm is counter-based, so any value can be computed on its own and nothing
 * depends on an engine's random generator or on evaluation order:
 *
 * <pre>
 *   mix(z)            = SplitMix64's finaliser: z ^= z>>>30; z *= 0xbf58476d1ce4e5b9;
 *                                                z ^= z>>>27; z *= 0x94d049bb133111eb; z ^= z>>>31
 *   value(s, k, i)    = mix(mix(seed ^ STREAM_k) + i * 0x9e3779b97f4a7c15)      (64 bits)
 *   pixel (x, y), channel c (0 = red, 1 = green, 2 = blue):
 *                       value(seed, PIXELS, (y * width + x) * 3 + c) >>> 56    (one byte)
 *   latent[i]         = Box–Muller on u1 = 1 - top53(value(seed, LATENT, 2i)) / 2^53,
 *                                         u2 = top53(value(seed, LATENT, 2i + 1)) / 2^53:
 *                       sqrt(-2 ln u1) · cos(2π u2), in StrictMath (bit-exact everywhere)
 * </pre>
 *
 * Seeds are 0 … 2³²−1, as in the tools people know.
 */
public final class SeedStatic {

  public static final long MAX_SEED = 0xFFFF_FFFFL;

  private static final long PIXELS = 0x5EED_57A7_1C00_0001L;
  private static final long LATENT = 0x5EED_57A7_1C00_0002L;
  private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

  private SeedStatic() {}

  /** The static image for a seed: each channel of each pixel an independent uniform byte. */
  public static BufferedImage of(long seed, int width, int height) {
    checkSeed(seed);
    var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        long i = ((long) y * width + x) * 3;
        int r = (int) (value(seed, PIXELS, i) >>> 56);
        int g = (int) (value(seed, PIXELS, i + 1) >>> 56);
        int b = (int) (value(seed, PIXELS, i + 2) >>> 56);
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return image;
  }

  /** The latent static for the generator: {@code size} standard normal values. */
  public static float[] latent(long seed, int size) {
    checkSeed(seed);
    var z = new float[size];
    for (int i = 0; i < size; i++) {
      z[i] = (float) normal(seed, LATENT, i);
    }
    return z;
  }

  /** A stream of uniform doubles in [0, 1) derived from the seed, for seeded art processes. */
  public static double uniform(long seed, long stream, long index) {
    return (value(seed, stream, index) >>> 11) * 0x1.0p-53;
  }

  /** A standard normal value from the seed's stream (Box–Muller in StrictMath). */
  public static double normal(long seed, long stream, long index) {
    double u1 = 1.0 - (value(seed, stream, 2 * index) >>> 11) * 0x1.0p-53;
    double u2 = (value(seed, stream, 2 * index + 1) >>> 11) * 0x1.0p-53;
    return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
  }

  /** A stream id for one purpose at one step, so no two choices of a run share numbers. */
  public static long stream(String purpose, int step) {
    return mix(purpose.hashCode() * 0x1_0000_0001L + step);
  }

  static long value(long seed, long stream, long index) {
    return mix(mix(seed ^ stream) + index * GOLDEN);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }

  public static void checkSeed(long seed) {
    if (seed < 0 || seed > MAX_SEED) {
      throw new IllegalArgumentException("seed " + seed + " is outside 0 … " + MAX_SEED);
    }
  }
}
