package workbench.loop;

import java.awt.image.BufferedImage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Hears the loop as it goes; the loop asks it whether an item was cancelled. */
public interface LoopListener {

  LoopListener NONE = new LoopListener() {};

  /** After step {@code step} of item {@code item} (0 = the static), with the image at that step. */
  default void stepped(int item, int step, int steps, TermScores scores, BufferedImage image) {}

  /**
   * As {@link #stepped(int, int, int, TermScores, BufferedImage)}, with the art process's own
   * image at that step where it is not the one the check output scored: the built-in diffusion
   * model's noisy image, while {@code image} is its prediction of the clean (final) image. Null
   * for processes whose current image is the scored one. The loop calls this one.
   *
   * <p>The noisy image is drawn only when asked for (a scene code or a latent costs a decoder
   * pass, as much as the check output's own), and at most once; it stays the image of this step
   * after the loop moves on.
   */
  default void stepped(int item, int step, int steps, TermScores scores, BufferedImage image,
      @Nullable Supplier<BufferedImage> noisy) {
    stepped(item, step, steps, scores, image);
  }

  /** Checked before every step; a cancelled item stops and keeps what it made so far. */
  default boolean cancelled(int item) {
    return false;
  }
}
