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

  /** The message, with "(column N)" added when the message does not name its column itself. */
  public String messageWithColumn() {
    String message = getMessage();
    return message.contains("column " + column) ? message : message + " (column " + column + ")";
  }

  /**
   * The line of {@code text} holding the error and, under it, a caret at the column: what the
   * command line prints and the editor shows, so both point the same way.
   */
  public String markIn(String text) {
    int index = Math.min(Math.max(column - 1, 0), text.length());
    int lineStart = text.lastIndexOf('\n', index - 1) + 1;
    int lineEnd = text.indexOf('\n', index);
    String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
    var caret = new StringBuilder();
    for (int i = lineStart; i < index; i++) {
      caret.append(text.charAt(i) == '\t' ? '\t' : ' '); // tabs keep the caret aligned
    }
    return line + "\n" + caret + "^";
  }
}
