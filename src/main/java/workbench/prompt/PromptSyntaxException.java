package workbench.prompt;

/**
 * The one exception {@link PromptParser} throws: what is wrong, where (1-based column), the
 * offending text, and how to fix it. The message names the column itself, e.g. "weight '2x' at
 * column 14 is not a number", so it can be shown as it is.
 */
public class PromptSyntaxException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int column;
  private final String fragment;
  private final String hint;

  public PromptSyntaxException(String message, int column, String fragment, String hint) {
    super(message);
    this.column = column;
    this.fragment = fragment;
    this.hint = hint;
  }

  /** 1-based column of the first offending character. */
  public int column() {
    return column;
  }

  /** The offending piece of the prompt, as written. */
  public String fragment() {
    return fragment;
  }

  /** What to write instead. */
  public String hint() {
    return hint;
  }
}
