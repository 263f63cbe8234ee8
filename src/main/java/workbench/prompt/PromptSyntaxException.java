package workbench.prompt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one exception {@link PromptParser} throws: what is wrong, where, the offending text, and
 * how to fix it. The message names the place itself, e.g. "weight '2x' at column 14 is not a
 * number", or "… at line 2, column 5" in a prompt of several lines, so it can be shown as it is.
 * Columns count code points (an emoji is one column), from 1, within their line.
 */
public class PromptSyntaxException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;
  private static final Pattern COLUMN = Pattern.compile("column (\\d+)");

  private final int line;
  private final int column;
  private final int offset;
  private final String fragment;
  private final String hint;

  /**
   * As the dialect parsers raise it: {@code column} is 1 + the Java string index, until
   * {@link PromptParser} places it in the prompt with {@link #locatedIn(String)}.
   */
  public PromptSyntaxException(String message, int column, String fragment, String hint) {
    this(message, 1, column, column - 1, fragment, hint);
  }

  private PromptSyntaxException(String message, int line, int column, int offset, String fragment,
      String hint) {
    super(message);
    this.line = line;
    this.column = column;
    this.offset = Math.max(offset, 0);
    this.fragment = fragment;
    this.hint = hint;
  }

  /** 1-based line of the first offending character. */
  public int line() {
    return line;
  }

  /** 1-based column (in code points) of the first offending character within its line. */
  public int column() {
    return column;
  }

  /** Java string index of the first offending character, for editors that select it. */
  public int offset() {
    return offset;
  }

  /** {@code line:column}, as compilers print it. */
  public String location() {
    return line + ":" + column;
  }

  /** The offending piece of the prompt, as written. */
  public String fragment() {
    return fragment;
  }

  /** What to write instead. */
  public String hint() {
    return hint;
  }

  /**
   * The same error placed in {@code text}: every "column N" the parser wrote (N = string index +
   * 1) becomes a code-point column, with its line when the prompt has several.
   */
  public PromptSyntaxException locatedIn(String text) {
    boolean multiLine = text.indexOf('\n') >= 0;
    Matcher m = COLUMN.matcher(getMessage());
    var message = new StringBuilder();
    while (m.find()) {
      int index;
      try {
        index = Integer.parseInt(m.group(1)) - 1;
      } catch (NumberFormatException tooLong) {
        continue;
      }
      m.appendReplacement(message, Matcher.quoteReplacement(place(text, index, multiLine)));
    }
    m.appendTail(message);
    int index = Math.min(Math.max(offset, 0), text.length());
    int[] at = lineAndColumn(text, index);
    var located = new PromptSyntaxException(message.toString(), at[0], at[1], index, fragment, hint);
    located.setStackTrace(getStackTrace());
    return located;
  }

  private static String place(String text, int index, boolean multiLine) {
    int[] at = lineAndColumn(text, Math.min(Math.max(index, 0), text.length()));
    return multiLine ? "line " + at[0] + ", column " + at[1] : "column " + at[1];
  }

  /** Line and code-point column (both from 1) of string index {@code index}. */
  static int[] lineAndColumn(String text, int index) {
    int lineStart = text.lastIndexOf('\n', index - 1) + 1;
    int line = 1;
    for (int i = 0; i < lineStart; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return new int[] {line, text.codePointCount(lineStart, index) + 1};
  }

  /** The message, with its place added when the message does not name it itself. */
  public String messageWithColumn() {
    String message = getMessage();
    if (message.contains("column " + column)) {
      return message;
    }
    return message + (line > 1 ? " (line " + line + ", column " + column + ")"
        : " (column " + column + ")");
  }

  /**
   * The line of {@code text} holding the error and, under it, a caret at the column: what the
   * command line prints and the editor shows, so both point the same way.
   */
  public String markIn(String text) {
    int index = Math.min(Math.max(offset, 0), text.length());
    int lineStart = text.lastIndexOf('\n', index - 1) + 1;
    int lineEnd = text.indexOf('\n', index);
    String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
    var caret = new StringBuilder();
    for (int i = lineStart; i < index; i += Character.charCount(text.codePointAt(i))) {
      caret.append(text.charAt(i) == '\t' ? '\t' : ' '); // tabs keep the caret aligned
    }
    return line + "\n" + caret + "^";
  }
}
