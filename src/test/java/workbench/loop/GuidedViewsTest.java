package workbench.loop;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The guided process's augmented views, made for the whole batch by one gather: view 0 is the
 * image itself, the others are wrapping shifts of their own item with grey cutouts.
 */
class GuidedViewsTest {

  static final int SIZE = 16;
  static final int VIEWS = 4;

  @Test
  void everyViewIsAWrappingShiftOfItsOwnItemAndViewZeroIsTheImage() {
    var pixels = randomImages(3);
    var views = views(pixels, new long[] {1, 2, 3}, 0);
    for (int item = 0; item < 3; item++) {
      assertThat(shiftOf(pixels, item, views, item * VIEWS, false)).isEqualTo(new int[] {0, 0});
      for (int v = 1; v < VIEWS; v++) {
        int[] shift = shiftOf(pixels, item, views, item * VIEWS + v, false);
        assertThat(shift).as("view %d of item %d is a shift of that item", v, item).isNotNull();
        assertThat(Math.abs(shift[0])).isLessThanOrEqualTo(4);
        assertThat(Math.abs(shift[1])).isLessThanOrEqualTo(4);
      }
    }
  }

  @Test
  void cutoutsAreGreyAndOnlyInTheAugmentedViews() {
    var pixels = randomImages(2);
    var views = views(pixels, new long[] {5, 6}, 2);
    for (int item = 0; item < 2; item++) {
      assertThat(greyCount(views, item * VIEWS)).isZero();
      for (int v = 1; v < VIEWS; v++) {
        int row = item * VIEWS + v;
        assertThat(greyCount(views, row)).as("view %d of item %d has a cutout", v, item).isPositive();
        assertThat(shiftOf(pixels, item, views, row, true)).isNotNull();
      }
    }
  }

  @Test
  void theSameSeedsGiveTheSameViewsAndOthersDiffer() {
    var pixels = randomImages(1);
    assertThat(views(pixels, new long[] {9}, 2)).isEqualTo(views(pixels, new long[] {9}, 2));
    assertThat(views(pixels, new long[] {10}, 2)).isNotEqualTo(views(pixels, new long[] {9}, 2));
  }

  private static float[] views(float[] pixels, long[] seeds, int cutouts) {
    try (var manager = NDManager.newBaseManager()) {
      var images = manager.create(pixels, new Shape(seeds.length, 3, SIZE, SIZE));
      return GuidedArtProcess.views(images, seeds, 3, VIEWS, 4, cutouts).toFloatArray();
    }
  }

  /** The (dx, dy) for which the view's row is the item's image shifted, or null; grey pixels may be cut. */
  private static int[] shiftOf(float[] pixels, int item, float[] views, int row, boolean allowGrey) {
    int plane = SIZE * SIZE;
    for (int dy = -SIZE / 2; dy < SIZE / 2; dy++) {
      for (int dx = -SIZE / 2; dx < SIZE / 2; dx++) {
        boolean match = true;
        for (int c = 0; c < 3 && match; c++) {
          for (int y = 0; y < SIZE && match; y++) {
            for (int x = 0; x < SIZE && match; x++) {
              float got = views[(row * 3 + c) * plane + y * SIZE + x];
              float want = pixels[(item * 3 + c) * plane + Math.floorMod(y - dy, SIZE) * SIZE + Math.floorMod(x - dx, SIZE)];
              match = got == want || (allowGrey && got == 0.5f);
            }
          }
        }
        if (match) {
          return new int[] {dx, dy};
        }
      }
    }
    return null;
  }

  private static int greyCount(float[] views, int row) {
    int plane = SIZE * SIZE;
    int count = 0;
    for (int p = 0; p < plane; p++) {
      boolean grey = true;
      for (int c = 0; c < 3; c++) {
        grey &= views[(row * 3 + c) * plane + p] == 0.5f;
      }
      count += grey ? 1 : 0;
    }
    return count;
  }

  /** Random pixels that are never exactly 0.5, so grey means cut. */
  private static float[] randomImages(int n) {
    var random = new Random(n);
    var pixels = new float[n * 3 * SIZE * SIZE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat() < 0.5f ? random.nextFloat() * 0.49f : 0.51f + random.nextFloat() * 0.49f;
    }
    return pixels;
  }
}
