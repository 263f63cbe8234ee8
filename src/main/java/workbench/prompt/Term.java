package workbench.prompt;

/**
 * One concept the checker scores as a whole phrase: {@code apple tart} is one term, while
 * {@code apple:: tart::} is two. The weight is relative to the prompt's other terms and may be
 * negative (a term to steer away from). {@code timing} says at which steps the term conditions
 * the image (A1111 prompt editing and alternation), {@code chunk} which A1111 {@code BREAK}
 * chunk it belongs to (0 before the first BREAK).
 */
public record Term(String text, double weight, Span span, Timing timing, int chunk) {

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
  }

  /** A term that conditions every step, in the first chunk. */
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

  public Term withWeight(double newWeight) {
    return new Term(text, newWeight, span, timing, chunk);
  }

  public Term withTiming(Timing newTiming) {
    return new Term(text, weight, span, newTiming, chunk);
  }
}
