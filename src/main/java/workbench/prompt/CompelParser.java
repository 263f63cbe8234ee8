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
 * plain {@code (phrase)} only groups. A sign counts as a weight only when it ends a word (it
 * follows a letter and is followed by a space, comma, bracket or the end), so {@code half-elf}
 * stays text. {@code \( \) \\} are literal; square brackets are plain text in Compel.
 */
final class CompelParser {

  private static final String GROUP_WEIGHT_STOPS = "(),";

  private final String source;
  private int pos;

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
    if (c == '\\' && pos + 1 < source.length()
        && A1111Parser.ESCAPABLE.indexOf(source.charAt(pos + 1)) >= 0) {
      nodes.add(new Chr(source.charAt(pos + 1), pos + 1));
      pos += 2;
    } else if (c == '(') {
      nodes.add(group());
    } else if (c == ',') {
      nodes.add(new Comma(pos++));
    } else if ((c == '+' || c == '-') && endsWord(nodes)) {
      weightWord(nodes);
    } else {
      nodes.add(new Chr(c, pos++));
    }
  }

  private Group group() {
    int openPos = pos;
    pos++;
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
    return new Group(children, groupWeight(), openPos);
  }

  /** What follows a {@code )}: a number, a run of signs, or nothing (weight 1). */
  private double groupWeight() {
    if (pos >= source.length()) {
      return 1;
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

  /** Moves the word just read into a group weighted by the signs at {@code pos}. */
  private void weightWord(List<Node> nodes) {
    int start = nodes.size();
    while (start > 0 && nodes.get(start - 1) instanceof Chr chr
        && !TermText.isSpace(chr.c()) && chr.c() != ',') {
      start--;
    }
    var word = new ArrayList<>(nodes.subList(start, nodes.size()));
    nodes.subList(start, nodes.size()).clear();
    int end = signRunEnd(pos);
    double factor = EmphasisTree.signFactor(source.substring(pos, end));
    nodes.add(new Group(word, factor, ((Chr) word.get(0)).pos()));
    pos = end;
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
