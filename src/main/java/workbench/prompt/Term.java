package workbench.prompt;

/**
 * One concept the checker scores as a whole phrase: {@code apple tart} is one term, while
 * {@code apple:: tart::} is two. The weight is relative to the prompt's other terms and may be
 * negative (a term to steer away from). {@code timing} says at which steps the term conditions
 * the image (A1111 prompt editing and alternation), {@code chunk} which A1111 {@code BREAK}
 * chunk it belongs to (0 before the first BREAK).
 *
 * <p>{@code part} says which prompt the term is read in by a diffusion model: terms of one part
 * are encoded as one text, each term's tokens scaled by its emphasis (A1111's rule), while parts
 * are separate noise predictions combined by their weights (composable diffusion). An A1111
 * {@code AND} part or a whole Compel prompt is one part, its {@code :w} (or 1) the
 * {@code partWeight}, so a term's weight is {@code partWeight} times its emphasis. A negative
 * {@code part} ({@link #OWN_PART}) is a part of its own, as every Midjourney multi-prompt term is.
 */
public record Term(String text, double weight, Span span, Timing timing, int chunk, int part, double partWeight) {

  /** The {@code part} of a term that is a prompt of its own (Midjourney's {@code ::}, terms made in code). */
  public static final int OWN_PART = -1;

  public Term {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a term needs some text");
    }
    if (!Double.isFinite(weight)) {
      throw new IllegalArgumentException("weight of '" + text + "' is not a finite number");
    }
    if (chunk < 0) {
      throw new IllegalArgumentException("chunk " + chunk + " of '" + text + "' is negative");
    }
    if (part < 0) {
      part = OWN_PART;
      partWeight = weight;
    } else if (!Double.isFinite(partWeight)) {
      throw new IllegalArgumentException("part weight of '" + text + "' is not a finite number");
    }
  }

  /** A term of a part of its own. */
  public Term(String text, double weight, Span span, Timing timing, int chunk) {
    this(text, weight, span, timing, chunk, OWN_PART, weight);
  }

  /** A term that conditions every step, in the first chunk, a part of its own. */
  public Term(String text, double weight, Span span) {
    this(text, weight, span, Timing.ALWAYS, 0);
  }

  /** A term made in code, not read from text. */
  public static Term of(String text, double weight) {
    return new Term(text, weight, Span.NONE);
  }

  public boolean isNegative() {
    return weight < 0;
  }

  /** Whether the term conditions step {@code step} (1-based) of a run of {@code steps}. */
  public boolean activeAt(int step, int steps) {
    return timing.activeAt(step, steps);
  }

  /** Whether the term is read as a prompt of its own rather than inside a part with others. */
  public boolean ownPart() {
    return part == OWN_PART;
  }

  /**
   * How much the term's tokens are scaled inside its part ({@code weight / partWeight}; 1 for a
   * part of its own, and for a part of weight 0, which contributes nothing anyway).
   */
  public double emphasis() {
    return ownPart() || partWeight == 0 ? 1 : weight / partWeight;
  }

  /** The same term with another weight: inside a part, its emphasis changes, not the part's weight. */
  public Term withWeight(double newWeight) {
    return new Term(text, newWeight, span, timing, chunk, part, partWeight);
  }

  public Term withTiming(Timing newTiming) {
    return new Term(text, weight, span, newTiming, chunk, part, partWeight);
  }

  /** The same term in part {@code newPart} of weight {@code newPartWeight}. */
  public Term inPart(int newPart, double newPartWeight) {
    return new Term(text, weight, span, timing, chunk, newPart, newPartWeight);
  }
}
