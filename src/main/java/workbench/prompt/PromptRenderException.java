package workbench.prompt;

/**
 * A prompt that a dialect cannot express, e.g. a Midjourney term containing {@code ::}. Not a
 * {@link PromptSyntaxException}: the prompt is fine, the target syntax is too narrow for it.
 */
public class PromptRenderException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final Dialect dialect;
  private final String termText;

  public PromptRenderException(Dialect dialect, String termText, String reason) {
    super(dialect.label() + " cannot express the term '" + termText + "': " + reason);
    this.dialect = dialect;
    this.termText = termText;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The text of the term that cannot be written. */
  public String termText() {
    return termText;
  }
}
