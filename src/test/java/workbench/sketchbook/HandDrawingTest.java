package workbench.sketchbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hand's digits can be counted the way a person counts them: a caption's "five fingers" draws
 * five digits, the thumb among them. Read from the pixels alone, at 512 px so that the counting
 * is about the drawing, not about antialiasing: the palm is what survives an opening wider than
 * a digit, and the digits are the parts of hand colour left outside it.
 */
class HandDrawingTest {

  private static final int SIZE = 512;

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 6})
  void aHandShowsAsManyDigitsAsItHasFingers(int fingers) {
    var hand = new SceneObject(ObjectKind.HAND, Colour.RED, Size.BIG, Position.CENTRE, 1, fingers);
    BufferedImage image = SceneRenderer.render(new Scene(7, Style.FLAT, Background.PAPER, List.of(hand)), SIZE);
    boolean[][] mask = colourMask(image, Colour.RED.rgb());

    double side = Size.BIG.fraction() * SIZE;
    int digitWidth = (int) Math.ceil(0.12 * side);
    // The palm (an opening wider than a digit) and a third of a digit's width around it, where
    // antialiasing and the digits' bases blur its edge: enough to leave even a stub of a thumb.
    boolean[][] palm = dilate(dilate(erode(mask, digitWidth), digitWidth), digitWidth / 3);
    int palmArea = 0;
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        palmArea += palm[y][x] ? 1 : 0;
        mask[y][x] &= !palm[y][x];
      }
    }
    assertThat(palmArea).as("a palm wider than a digit").isGreaterThan((int) (0.1 * side * side));

    assertThat(parts(mask, digitWidth)).isEqualTo(fingers);
  }

  /** Connected parts (4-neighbours) of at least {@code minimum} pixels. */
  private static int parts(boolean[][] mask, int minimum) {
    boolean[][] seen = new boolean[SIZE][SIZE];
    int parts = 0;
    var stack = new ArrayDeque<int[]>();
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        if (!mask[y][x] || seen[y][x]) {
          continue;
        }
        int area = 0;
        seen[y][x] = true;
        stack.push(new int[] {x, y});
        while (!stack.isEmpty()) {
          int[] p = stack.pop();
          area++;
          for (int[] d : new int[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
            int nx = p[0] + d[0];
            int ny = p[1] + d[1];
            if (nx >= 0 && ny >= 0 && nx < SIZE && ny < SIZE && mask[ny][nx] && !seen[ny][nx]) {
              seen[ny][nx] = true;
              stack.push(new int[] {nx, ny});
            }
          }
        }
        parts += area >= minimum ? 1 : 0;
      }
    }
    return parts;
  }

  private static boolean[][] colourMask(BufferedImage image, Color colour) {
    boolean[][] mask = new boolean[SIZE][SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        Color c = new Color(image.getRGB(x, y));
        int distance = Math.abs(c.getRed() - colour.getRed()) + Math.abs(c.getGreen() - colour.getGreen())
            + Math.abs(c.getBlue() - colour.getBlue());
        mask[y][x] = distance < 60;
      }
    }
    return mask;
  }

  /** Square erosion: a pixel stays set when every pixel within {@code reach} of it is set. */
  private static boolean[][] erode(boolean[][] mask, int reach) {
    return invert(dilate(invert(mask), reach));
  }

  /** Square dilation, separable: rows then columns. */
  private static boolean[][] dilate(boolean[][] mask, int reach) {
    boolean[][] rows = new boolean[SIZE][SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        for (int d = -reach; d <= reach && !rows[y][x]; d++) {
          rows[y][x] = x + d >= 0 && x + d < SIZE && mask[y][x + d];
        }
      }
    }
    boolean[][] out = new boolean[SIZE][SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        for (int d = -reach; d <= reach && !out[y][x]; d++) {
          out[y][x] = y + d >= 0 && y + d < SIZE && rows[y + d][x];
        }
      }
    }
    return out;
  }

  private static boolean[][] invert(boolean[][] mask) {
    boolean[][] out = new boolean[SIZE][SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        out[y][x] = !mask[y][x];
      }
    }
    return out;
  }
}
