package workbench.prompt;

/**
 * One concept the checker scores as a whole phrase: {@code apple tart} is one term, while
 * {@code apple:: tart::} is two. The weight is relative to the prompt's other terms and may be
 * negative (a term to steer away from).
 */
public record Term(String text, double weight, Span span) {

  public Term {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a term needs some text");
    }
    if (!Double.isFinite(weight)) {
      throw new IllegalArgumentException("weight of '" + text + "' is not a finite number");
    }
  }

  /** A term made in code, not read from text. */
  public static Term of(String text, double weight) {
    return new Term(text, weight, Span.NONE);
  }

  public boolean isNegative() {
    return weight < 0;
  }

  public Term withWeight(double newWeight) {
    return new Term(text, newWeight, span);
  }
}
