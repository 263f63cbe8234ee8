package workbench.generation;

import java.awt.image.BufferedImage;

/** Hears the loop as it goes; the loop asks it whether an item was cancelled. */
public interface LoopListener {

  LoopListener NONE = new LoopListener() {};

  /** After step {@code step} of item {@code item} (0 = the static), with the image at that step. */
  default void stepped(int item, int step, int steps, TermScores scores, BufferedImage image) {}

  /** Checked before every step; a cancelled item stops and keeps what it made so far. */
  default boolean cancelled(int item) {
    return false;
  }
}
