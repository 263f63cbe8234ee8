package workbench.sketchbook;

import java.util.stream.LongStream;

/**
 * Train and held-out scenes come from disjoint seed ranges, so no held-out scene (or its
 * pixels) is ever seen in training. The ranges are written into the model card.
 */
public enum Split {
  TRAIN(0L, 1L << 31),
  HELD_OUT(1_000_000_000_000L, 1_000_000_000_000L + (1L << 31));

  private final long firstSeed;
  private final long endSeed;

  Split(long firstSeed, long endSeed) {
    this.firstSeed = firstSeed;
    this.endSeed = endSeed;
  }

  public long firstSeed() {
    return firstSeed;
  }

  /** Exclusive. */
  public long endSeed() {
    return endSeed;
  }

  public boolean contains(long seed) {
    return seed >= firstSeed && seed < endSeed;
  }

  /** The i-th seed of this split, for i in [0, endSeed - firstSeed). */
  public long seed(long index) {
    if (index < 0 || index >= endSeed - firstSeed) {
      throw new IllegalArgumentException("index outside the " + this + " split: " + index);
    }
    return firstSeed + index;
  }

  public LongStream seeds(long count) {
    return LongStream.range(0, count).map(this::seed);
  }
}
