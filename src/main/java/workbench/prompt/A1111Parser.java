package workbench.prompt;

import java.util.ArrayList;
import java.util.List;
import workbench.prompt.EmphasisTree.AndSeparator;
import workbench.prompt.EmphasisTree.Chr;
import workbench.prompt.EmphasisTree.Comma;
import workbench.prompt.EmphasisTree.Group;
import workbench.prompt.EmphasisTree.Node;
import workbench.prompt.EmphasisTree.PartWeight;

/**
 * AUTOMATIC1111 emphasis: {@code (x)} ×1.1, {@code [x]} ÷1.1, {@code (x:1.3)}, nesting
 * multiplies; {@code \( \) \[ \] \\} are literal characters. {@code AND} (upper case, a word of
 * its own, outside brackets) separates prompts, each optionally ending in {@code :weight}.
 * Unlike A1111 itself, a stray {@code )} or {@code ]} is an error rather than silently ignored.
 */
final class A1111Parser {

  static final double EMPHASIS = 1.1;
  static final String ESCAPABLE = "()[]\\";
  /** Characters that end an explicit {@code (x:1.3)} weight's search for its {@code )}. */
  private static final String WEIGHT_STOPS = "()[]:,\\";

  private final String source;
  private int pos;

  private A1111Parser(String source) {
    this.source = source;
  }

  static List<Term> parse(String source) {
    return EmphasisTree.flatten(new A1111Parser(source).top());
  }

  private List<Node> top() {
    var nodes = new ArrayList<Node>();
    while (pos < source.length()) {
      char c = source.charAt(pos);
      if (c == ')' || c == ']') {
        throw EmphasisTree.unmatched(c, pos);
      } else if (c == ':' && partWeightAhead()) {
        int colon = pos;
        int end = partEnd(colon + 1);
        String literal = source.substring(colon + 1, end).strip();
        nodes.add(new PartWeight(Weights.parse(literal, source.indexOf(literal, colon)), colon));
        pos = end;
      } else if (isAnd(source, pos)) {
        nodes.add(new AndSeparator(pos));
        pos += 3;
      } else {
        nodes.add(element());
      }
    }
    return nodes;
  }

  private Node element() {
    char c = source.charAt(pos);
    if (c == '\\' && pos + 1 < source.length() && ESCAPABLE.indexOf(source.charAt(pos + 1)) >= 0) {
      pos += 2;
      return new Chr(source.charAt(pos - 1), pos - 1);
    }
    if (c == '(' || c == '[') {
      return group(c);
    }
    pos++;
    return c == ',' ? new Comma(pos - 1) : new Chr(c, pos - 1);
  }

  private Group group(char open) {
    int openPos = pos;
    char close = open == '(' ? ')' : ']';
    pos++;
    var children = new ArrayList<Node>();
    double explicitWeight = Double.NaN;
    while (true) {
      if (pos >= source.length()) {
        throw EmphasisTree.unclosed(open, openPos);
      }
      char c = source.charAt(pos);
      if (c == close) {
        pos++;
        break;
      }
      if (c == ')' || c == ']') {
        throw new PromptSyntaxException(
            "'" + c + "' at column " + (pos + 1) + " does not close the '" + open
                + "' opened at column " + (openPos + 1),
            pos + 1, String.valueOf(c), "close the '" + open + "' with '" + close + "' first");
      }
      if (c == ':' && open == '(') {
        double weight = explicitWeight();
        if (!Double.isNaN(weight)) {
          explicitWeight = weight;
          continue;
        }
      }
      children.add(element());
    }
    double factor = !Double.isNaN(explicitWeight) ? explicitWeight
        : open == '(' ? EMPHASIS : 1 / EMPHASIS;
    return new Group(children, factor, openPos);
  }

  /**
   * {@code :1.3} right before the closing {@code )}; moves to that {@code )}. NaN when the colon
   * is just text, as in {@code (16:9 wide)}; a number-like typo such as {@code (x:2x)} is an
   * error.
   */
  private double explicitWeight() {
    int end = pos + 1;
    while (end < source.length() && WEIGHT_STOPS.indexOf(source.charAt(end)) < 0) {
      end++;
    }
    if (end >= source.length() || source.charAt(end) != ')') {
      return Double.NaN;
    }
    String literal = source.substring(pos + 1, end).strip();
    if (literal.isEmpty() || !Weights.looksNumeric(literal.charAt(0))
        || literal.chars().anyMatch(ch -> TermText.isSpace((char) ch))) {
      return Double.NaN;
    }
    double weight = Weights.parse(literal, source.indexOf(literal, pos));
    pos = end;
    return weight;
  }

  /** Whether the text from this colon to the end of its AND part is just a number. */
  private boolean partWeightAhead() {
    return Weights.isNumber(source.substring(pos + 1, partEnd(pos + 1)).strip());
  }

  private int partEnd(int from) {
    for (int i = from; i < source.length(); i++) {
      if (isAnd(source, i)) {
        return i;
      }
    }
    return source.length();
  }

  /** {@code AND} as a word of its own. */
  static boolean isAnd(String text, int index) {
    int after = index + 3;
    return text.startsWith("AND", index)
        && (index == 0 || TermText.isSpace(text.charAt(index - 1)))
        && (after == text.length() || TermText.isSpace(text.charAt(after)));
  }
}
