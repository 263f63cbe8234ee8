package workbench.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import workbench.prompt.EmphasisTree.Alternation;
import workbench.prompt.EmphasisTree.AndSeparator;
import workbench.prompt.EmphasisTree.Break;
import workbench.prompt.EmphasisTree.Chr;
import workbench.prompt.EmphasisTree.Comma;
import workbench.prompt.EmphasisTree.Group;
import workbench.prompt.EmphasisTree.Node;
import workbench.prompt.EmphasisTree.PartWeight;
import workbench.prompt.EmphasisTree.Scheduled;

/**
 * AUTOMATIC1111 emphasis: {@code (x)} ×1.1, {@code [x]} ÷1.1, {@code (x:1.3)}, nesting
 * multiplies; {@code \( \) \[ \] \\} are literal characters. {@code AND} (upper case, a word of
 * its own, outside brackets) separates prompts, each optionally ending in {@code :weight}.
 * Prompt editing {@code [from:to:when]}, {@code [to:when]}, {@code [from::when]} and alternation
 * {@code [a|b]} become terms with a {@link Timing}; {@code BREAK} starts a new chunk. Unlike A1111
 * itself, a stray or unclosed bracket is an error rather than silently read as text, and
 * extra networks ({@code <lora:…>}) are refused: there are no LoRA weights to load.
 */
final class A1111Parser {

  static final double EMPHASIS = 1.1;
  static final String ESCAPABLE = "()[]\\";
  /** Characters that end an explicit {@code (x:1.3)} weight's search for its {@code )}. */
  private static final String WEIGHT_STOPS = "()[]:,\\";
  /** Brackets nested deeper than this are refused rather than recursed into. */
  static final int MAX_NESTING = 50;
  private static final Pattern EXTRA_NETWORK = Pattern.compile("<(lora|lyco|hypernet):");

  private final String source;
  private int pos;
  private int depth;

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
    if (c == '<') {
      refuseExtraNetwork(source, pos);
    }
    if (c == 'B' && isBreak(source, pos)) {
      pos += 5;
      return new Break(pos - 5);
    }
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

  private Node group(char open) {
    int openPos = pos;
    if (++depth > MAX_NESTING) {
      throw EmphasisTree.tooDeep(open, openPos, MAX_NESTING);
    }
    char close = open == '(' ? ')' : ']';
    pos++;
    var children = new ArrayList<Node>();
    // Inside [ ], ':' and '|' may make prompt editing or alternation: remember where they split.
    var segments = new ArrayList<List<Node>>();
    var separators = new ArrayList<Chr>();
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
      if (open == '[' && (c == ':' || c == '|')) {
        segments.add(children);
        separators.add(new Chr(c, pos));
        children = new ArrayList<>();
        pos++;
        continue;
      }
      children.add(element());
    }
    depth--;
    if (open == '(') {
      return new Group(children, Double.isNaN(explicitWeight) ? EMPHASIS : explicitWeight, openPos);
    }
    segments.add(children);
    return squareGroup(segments, separators, openPos);
  }

  /**
   * What A1111's schedule grammar makes of {@code [ … ]}: alternation when split only by
   * {@code |}, prompt editing when one or two {@code :} end in a number, and otherwise plain
   * ÷1.1 emphasis with the separators as text (A1111 falls back the same way).
   */
  private Node squareGroup(List<List<Node>> segments, List<Chr> separators, int openPos) {
    if (!separators.isEmpty() && separators.stream().allMatch(s -> s.c() == '|')) {
      return new Alternation(segments, openPos);
    }
    // Split at ':' only ('|' stays text, as A1111 reads "[{b|d{:.5]"): editing if it ends in a number.
    var parts = new ArrayList<List<Node>>();
    parts.add(new ArrayList<>(segments.get(0)));
    for (int i = 0; i < separators.size(); i++) {
      if (separators.get(i).c() == ':') {
        parts.add(new ArrayList<>());
      } else {
        parts.get(parts.size() - 1).add(separators.get(i));
      }
      parts.get(parts.size() - 1).addAll(segments.get(i + 1));
    }
    if (parts.size() == 2 || parts.size() == 3) {
      var last = parts.get(parts.size() - 1);
      String when = textOf(last);
      if (when != null && Timing.When.isLiteral(when.strip())) {
        int at = last.isEmpty() ? openPos : ((Chr) last.get(0)).pos();
        var from = parts.size() == 3 ? parts.get(0) : List.<Node>of();
        var to = parts.get(parts.size() == 3 ? 1 : 0);
        return new Scheduled(from, to, when(when.strip(), at), openPos);
      }
    }
    var children = new ArrayList<Node>(segments.get(0));
    for (int i = 0; i < separators.size(); i++) {
      children.add(separators.get(i));
      children.addAll(segments.get(i + 1));
    }
    return new Group(children, 1 / EMPHASIS, openPos);
  }

  /** The characters of a segment holding only characters; null when it holds anything else. */
  private static String textOf(List<Node> nodes) {
    var text = new StringBuilder();
    for (var node : nodes) {
      if (!(node instanceof Chr chr)) {
        return null;
      }
      text.append(chr.c());
    }
    return text.toString();
  }

  private static Timing.When when(String literal, int at) {
    double value = Double.parseDouble(literal);
    if (!Double.isFinite(value)) {
      throw new PromptSyntaxException(
          "step '" + literal + "' at column " + (at + 1) + " is too large to be a number",
          at + 1, literal, "write a step number such as 10, or a fraction of the steps such as 0.5");
    }
    return Timing.When.of(literal);
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

  /** {@code BREAK} as a word of its own (A1111's {@code \bBREAK\b}). */
  static boolean isBreak(String text, int index) {
    int after = index + 5;
    return text.startsWith("BREAK", index)
        && (index == 0 || !isWordChar(text.charAt(index - 1)))
        && (after == text.length() || !isWordChar(text.charAt(after)));
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** {@code <lora:name:1>} and its kin load weights the loop does not have: say so, at the '<'. */
  static void refuseExtraNetwork(String text, int index) {
    var m = EXTRA_NETWORK.matcher(text).region(index, text.length());
    if (m.lookingAt()) {
      int end = text.indexOf('>', index);
      String fragment = text.substring(index, end < 0 ? text.length() : end + 1);
      throw new PromptSyntaxException(
          "extra network '" + fragment + "' at column " + (index + 1) + " is not supported: "
              + "the workbench has no " + m.group(1) + " weights to load",
          index + 1, fragment, "remove it, and describe in words what it was for");
    }
  }

  /** {@code AND} as a word of its own. */
  static boolean isAnd(String text, int index) {
    int after = index + 3;
    return text.startsWith("AND", index)
        && (index == 0 || TermText.isSpace(text.charAt(index - 1)))
        && (after == text.length() || TermText.isSpace(text.charAt(after)));
  }
}
