package workbench.prompt;

import java.util.ArrayList;
import java.util.List;
import workbench.prompt.EmphasisTree.Chr;
import workbench.prompt.EmphasisTree.Comma;
import workbench.prompt.EmphasisTree.Group;
import workbench.prompt.EmphasisTree.Node;

/**
 * Compel: {@code word+} ×1.1 and {@code word-} ×0.9, repeated signs compound ({@code word++} is
 * ×1.21); {@code (phrase)1.3} weights a phrase, {@code (phrase)+} and {@code (phrase)-} too, and
 * plain {@code (phrase)} only groups. {@code .attend(w)} after a word, group or quoted text is
 * the same weight written out; {@code "quoted text"} groups like brackets. {@code ("a",
 * "b").and(w, v)} and {@code .blend(w, v)} become one term per part weighted by its share (a blend
 * normalises its weights unless told {@code no_normalize}). A sign counts as a weight only when it
 * ends a word, so {@code half-elf} stays text. {@code \( \) \" \\} are literal; square brackets
 * are plain text. {@code .swap()}, {@code withLora(…)} and {@code <lora:…>} are refused: the loop
 * cannot swap words mid-run nor load LoRA weights.
 */
final class CompelParser {

  private static final String GROUP_WEIGHT_STOPS = "(),\"";
  private static final String ESCAPABLE = "()[]\\\"";

  private final String source;
  private int pos;
  private int depth;

  private CompelParser(String source) {
    this.source = source;
  }

  static List<Term> parse(String source) {
    return EmphasisTree.flatten(new CompelParser(source).top());
  }

  private List<Node> top() {
    var nodes = new ArrayList<Node>();
    while (pos < source.length()) {
      if (source.charAt(pos) == ')') {
        throw EmphasisTree.unmatched(')', pos);
      }
      element(nodes);
    }
    return nodes;
  }

  /** Reads one element into {@code nodes}; a weighted word replaces its letters there. */
  private void element(List<Node> nodes) {
    char c = source.charAt(pos);
    if (c == '\\' && pos + 1 < source.length() && ESCAPABLE.indexOf(source.charAt(pos + 1)) >= 0) {
      nodes.add(new Chr(source.charAt(pos + 1), pos + 1));
      pos += 2;
    } else if (c == '<') {
      A1111Parser.refuseExtraNetwork(source, pos);
      nodes.add(new Chr(c, pos++));
    } else if (c == 'w' && source.startsWith("withLora(", pos)
        && (pos == 0 || !Character.isLetterOrDigit(source.charAt(pos - 1)))) {
      throw unsupported("withLora(…)", pos,
          "the workbench has no LoRA weights to load", "remove it, and describe in words what it was for");
    } else if (c == '(') {
      nodes.add(group());
    } else if (c == '"') {
      nodes.add(quoted());
    } else if (c == '.' && function() != null && !nodes.isEmpty()
        && nodes.get(nodes.size() - 1) instanceof Chr last && isWordChar(last.c())) {
      wordFunction(nodes);
    } else if (c == ',') {
      nodes.add(new Comma(pos++));
    } else if ((c == '+' || c == '-') && endsWord(nodes)) {
      int end = signRunEnd(pos);
      double factor = EmphasisTree.signFactor(source.substring(pos, end));
      pos = end;
      weightWord(nodes, factor);
    } else {
      nodes.add(new Chr(c, pos++));
    }
  }

  private Node group() {
    int openPos = enter('(');
    var children = new ArrayList<Node>();
    while (true) {
      if (pos >= source.length()) {
        throw EmphasisTree.unclosed('(', openPos);
      }
      if (source.charAt(pos) == ')') {
        pos++;
        break;
      }
      element(children);
    }
    depth--;
    String function = function();
    if ("and".equals(function) || "blend".equals(function)) {
      return conjunction(children, function, openPos);
    }
    return new Group(children, weightAfterClose(), openPos);
  }

  /** {@code "text"}: groups like brackets; {@code \"} inside is a quote mark. */
  private Node quoted() {
    int openPos = enter('"');
    var children = new ArrayList<Node>();
    while (true) {
      if (pos >= source.length()) {
        throw new PromptSyntaxException(
            "unclosed '\"' opened at column " + (openPos + 1), openPos + 1, "\"",
            "close the quote with '\"', or write '\\\"' for a quote mark as text");
      }
      if (source.charAt(pos) == '"') {
        pos++;
        break;
      }
      element(children);
    }
    depth--;
    String function = function();
    if ("and".equals(function) || "blend".equals(function)) {
      throw needsList(function);
    }
    return new Group(children, weightAfterClose(), openPos);
  }

  private int enter(char open) {
    int openPos = pos;
    if (++depth > A1111Parser.MAX_NESTING) {
      throw EmphasisTree.tooDeep(open, openPos, A1111Parser.MAX_NESTING);
    }
    pos++;
    return openPos;
  }

  /** What follows a {@code )} or closing quote: a number, signs, {@code .attend(w)}, or nothing. */
  private double weightAfterClose() {
    if (pos >= source.length()) {
      return 1;
    }
    String function = function();
    if (function != null) {
      return functionWeight(function);
    }
    char c = source.charAt(pos);
    boolean signedNumber = (c == '+' || c == '-') && pos + 1 < source.length()
        && (Character.isDigit(source.charAt(pos + 1)) || source.charAt(pos + 1) == '.');
    if (Character.isDigit(c) || c == '.' || signedNumber) {
      int end = pos;
      while (end < source.length() && !TermText.isSpace(source.charAt(end))
          && GROUP_WEIGHT_STOPS.indexOf(source.charAt(end)) < 0) {
        end++;
      }
      double weight = Weights.parse(source.substring(pos, end), pos);
      pos = end;
      return weight;
    }
    int end = signRunEnd(pos);
    double factor = EmphasisTree.signFactor(source.substring(pos, end));
    pos = end;
    return factor;
  }

  /** {@code word.attend(w)} weights the word; {@code word.swap(x)} is refused. */
  private void wordFunction(List<Node> nodes) {
    String function = function();
    if ("and".equals(function) || "blend".equals(function)) {
      throw needsList(function);
    }
    weightWord(nodes, functionWeight(function));
  }

  /** The name of a Compel function call at {@code pos} ({@code .attend(}), or null. */
  private String function() {
    for (var name : List.of("attend", "swap", "and", "blend")) {
      if (source.startsWith("." + name + "(", pos)) {
        return name;
      }
    }
    return null;
  }

  /** Reads {@code .attend(w)} (or refuses {@code .swap(…)}) at {@code pos}; returns the weight. */
  private double functionWeight(String function) {
    if (function.equals("swap")) {
      throw unsupported(".swap()", pos,
          "swapping words mid-run is cross-attention control, which the loop does not do",
          "use A1111 prompt editing [from:to:when] for a change at a step, or keep one wording");
    }
    int open = pos + function.length() + 1;
    int close = closing(open, "." + function + "()");
    String argument = source.substring(open + 1, close).strip();
    double weight;
    if (Weights.isNumber(argument)) {
      weight = Weights.parse(argument, source.indexOf(argument, open));
    } else if (!argument.isEmpty() && argument.chars().allMatch(ch -> ch == '+' || ch == '-')) {
      weight = EmphasisTree.signFactor(argument);
    } else {
      throw new PromptSyntaxException(
          "'.attend(" + argument + ")' at column " + (pos + 1) + " needs one weight",
          pos + 1, source.substring(pos, close + 1), "write a number or signs, as in .attend(1.3) or .attend(++)");
    }
    pos = close + 1;
    return weight;
  }

  /**
   * {@code (a, b).and(w, v)} or {@code .blend(w, v)}: each comma-separated part of the group
   * becomes its own weighted group. A blend's weights are shares, so they are normalised to sum
   * to 1 (as Compel does) unless {@code no_normalize} is given.
   */
  private Node conjunction(List<Node> children, String function, int openPos) {
    var parts = new ArrayList<List<Node>>();
    var part = new ArrayList<Node>();
    for (var node : children) {
      if (node instanceof Comma) {
        parts.add(part);
        part = new ArrayList<>();
      } else {
        part.add(node);
      }
    }
    parts.add(part);
    int dot = pos;
    int open = pos + function.length() + 1;
    int close = closing(open, "." + function + "()");
    var weights = new ArrayList<Double>();
    boolean normalise = function.equals("blend");
    int argStart = open + 1;
    for (String argument : source.substring(open + 1, close).split(",", -1)) {
      String value = argument.strip();
      int at = value.isEmpty() ? argStart : source.indexOf(value, argStart);
      argStart += argument.length() + 1;
      if (value.isEmpty()) {
        continue;
      }
      if (value.equals("no_normalize")) {
        normalise = false;
      } else {
        weights.add(Weights.parse(value, at));
      }
    }
    pos = close + 1;
    if (weights.isEmpty()) {
      parts.forEach(p -> weights.add(1.0));
    }
    if (weights.size() != parts.size()) {
      throw new PromptSyntaxException(
          "'." + function + "()' at column " + (dot + 1) + " has " + weights.size()
              + " weights for " + parts.size() + " prompts",
          dot + 1, source.substring(dot, close + 1), "give one weight per prompt, or none");
    }
    double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
    if (normalise && !(sum > 0)) {
      throw new PromptSyntaxException(
          "'.blend()' at column " + (dot + 1) + " has weights that sum to " + Weights.format(sum)
              + ", so they cannot be shares",
          dot + 1, source.substring(dot, close + 1),
          "give the blend positive weights, or add no_normalize");
    }
    var groups = new ArrayList<Node>();
    for (int i = 0; i < parts.size(); i++) {
      groups.add(new Group(parts.get(i), normalise ? weights.get(i) / sum : weights.get(i), openPos, true));
    }
    return new Group(groups, 1, openPos);
  }

  private int closing(int open, String construct) {
    int close = source.indexOf(')', open);
    if (close < 0) {
      throw new PromptSyntaxException(
          "'" + construct + "' at column " + (pos + 1) + " is not closed with ')'",
          pos + 1, source.substring(pos), "close its arguments with ')'");
    }
    return close;
  }

  private PromptSyntaxException needsList(String function) {
    return new PromptSyntaxException(
        "'." + function + "()' at column " + (pos + 1) + " needs a bracketed list of prompts before it",
        pos + 1, "." + function + "(", "write it as (\"a cat\", \"a dog\")." + function + "()");
  }

  private static PromptSyntaxException unsupported(String construct, int at, String why,
      String hint) {
    return new PromptSyntaxException(
        "Compel's " + construct + " at column " + (at + 1) + " is not supported: " + why,
        at + 1, construct, hint);
  }

  /**
   * Whether the signs at {@code pos} weight the word before them: they follow a word character
   * and are followed by a word boundary.
   */
  private boolean endsWord(List<Node> nodes) {
    if (nodes.isEmpty() || !(nodes.get(nodes.size() - 1) instanceof Chr last)
        || !isWordChar(last.c())) {
      return false;
    }
    int end = signRunEnd(pos);
    return end == source.length() || TermText.isSpace(source.charAt(end))
        || GROUP_WEIGHT_STOPS.indexOf(source.charAt(end)) >= 0;
  }

  /** Moves the word just read into a group weighted by {@code factor}. */
  private void weightWord(List<Node> nodes, double factor) {
    int start = nodes.size();
    while (start > 0 && nodes.get(start - 1) instanceof Chr chr
        && !TermText.isSpace(chr.c()) && chr.c() != ',') {
      start--;
    }
    var word = new ArrayList<>(nodes.subList(start, nodes.size()));
    nodes.subList(start, nodes.size()).clear();
    nodes.add(new Group(word, factor, ((Chr) word.get(0)).pos()));
  }

  private int signRunEnd(int from) {
    int end = from;
    while (end < source.length() && (source.charAt(end) == '+' || source.charAt(end) == '-')) {
      end++;
    }
    return end;
  }

  private static boolean isWordChar(char c) {
    return !TermText.isSpace(c) && c != ',' && c != '+' && c != '-';
  }
}
