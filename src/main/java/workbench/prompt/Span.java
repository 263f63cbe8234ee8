package workbench.prompt;

/**
 * Where a term's words sit in the prompt text: 0-based offsets, {@code end} exclusive. Weight
 * syntax ({@code ::2}, {@code (x:1.3)}, {@code +}) is not part of the span. A term made in code
 * rather than read from text has the empty span {@link #NONE}.
 */
public record Span(int start, int end) {

  public static final Span NONE = new Span(0, 0);

  public Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("span [" + start + ", " + end + ") is not a range");
    }
  }

  public int length() {
    return end - start;
  }

  /** The 1-based column people see, as in error messages. */
  public int column() {
    return start + 1;
  }
}
