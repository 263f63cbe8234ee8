package workbench.sketchbook;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Sketchbook world: a seed makes a scene, a scene renders to pixels, and captions describe
 * it. Everything is drawn from {@link SplittableRandom} seeded by the scene seed, so the same seed
 * gives the same scene and the same pixels on every machine.
 */
public final class Sketchbook {

  /** The side of rendered images, the checker's and generator's native size. */
  public static final int IMAGE_SIZE = 64;

  private static final Position[][] PAIRS = {
    {Position.LEFT, Position.RIGHT}, {Position.TOP, Position.BOTTOM}
  };

  private Sketchbook() {}

  public static Scene scene(long seed) {
    var random = new SplittableRandom(seed);
    Style style = pick(random, Style.values());
    Background background = pick(random, Background.values());
    List<SceneObject> objects = new ArrayList<>();
    if (random.nextDouble() < 0.25) {
      Position[] pair = PAIRS[random.nextInt(PAIRS.length)];
      boolean swap = random.nextBoolean();
      ObjectKind first = pick(random, ObjectKind.values());
      ObjectKind second;
      do {
        second = pick(random, ObjectKind.values());
      } while (second == first);
      objects.add(object(random, first, background, pair[swap ? 1 : 0], 1));
      objects.add(object(random, second, background, pair[swap ? 0 : 1], 1));
    } else {
      ObjectKind kind = pick(random, ObjectKind.values());
      objects.add(object(random, kind, background, pick(random, Position.values()), 0));
    }
    return new Scene(seed, style, background, objects);
  }

  public static BufferedImage render(Scene scene) {
    return SceneRenderer.render(scene, IMAGE_SIZE);
  }

  /** Pixels as RGB floats in [0, 1], channel-major (3 × size × size), the networks' input. */
  public static float[] pixels(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    float[] out = new float[3 * w * h];
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < rgb.length; i++) {
      out[i] = ((rgb[i] >> 16) & 0xff) / 255f;
      out[w * h + i] = ((rgb[i] >> 8) & 0xff) / 255f;
      out[2 * w * h + i] = (rgb[i] & 0xff) / 255f;
    }
    return out;
  }

  /** count 0 means "draw one": two-object scenes always have one of each. */
  private static SceneObject object(
      SplittableRandom random, ObjectKind kind, Background background, Position position, int count) {
    Colour colour;
    do {
      colour = pick(random, Colour.values());
    } while (!visibleOn(colour, background));
    Size size = pick(random, Size.values());
    if (count == 0) {
      // Three big objects do not fit in one region.
      count = 1 + random.nextInt(size == Size.BIG ? 2 : 3);
    }
    int fingers = kind == ObjectKind.HAND ? 3 + random.nextInt(4) : 0;
    return new SceneObject(kind, colour, size, position, count, fingers);
  }

  /** Colours too close to the background would make captions about them unfair. */
  static boolean visibleOn(Colour colour, Background background) {
    Color a = colour.rgb();
    Color b = background.base();
    int dr = a.getRed() - b.getRed();
    int dg = a.getGreen() - b.getGreen();
    int db = a.getBlue() - b.getBlue();
    return Math.sqrt(dr * dr + dg * dg + db * db) > 90;
  }

  private static <T> T pick(SplittableRandom random, T[] values) {
    return values[random.nextInt(values.length)];
  }
}
