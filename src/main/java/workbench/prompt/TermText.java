package workbench.prompt;

import java.util.Arrays;
import java.util.List;

/**
 * Collects a term's characters as a parser meets them, remembering where each came from, so the
 * term gets its source span even when escapes ({@code \(}) make text and source differ.
 * Every dialect cleans term text the same way: runs of whitespace become one space, and
 * whitespace and commas at either end are dropped ({@code " apple,  tart, "} is "apple, tart").
 */
final class TermText {

  private final StringBuilder chars = new StringBuilder();
  private int[] sources = new int[16];

  void append(char c, int sourceIndex) {
    if (chars.length() == sources.length) {
      sources = Arrays.copyOf(sources, sources.length * 2);
    }
    sources[chars.length()] = sourceIndex;
    chars.append(c);
  }

  /** Adds the cleaned term to {@code terms} unless it is blank; returns whether it added one. */
  boolean addTo(List<Term> terms, double weight) {
    return addTo(terms, weight, Timing.ALWAYS, 0);
  }

  /** Midjourney's: weights are checked against the cap only after normalising. */
  boolean addUncapped(List<Term> terms, double weight) {
    int first = firstKept();
    if (first < 0) {
      return false;
    }
    int last = lastKept();
    String text = clean(chars.substring(first, last + 1));
    terms.add(new Term(text, weight, new Span(sources[first], sources[last] + 1)));
    return true;
  }

  /** The same, for a term with a timing and a BREAK chunk, a part of its own. */
  boolean addTo(List<Term> terms, double weight, Timing timing, int chunk) {
    return addTo(terms, weight, timing, chunk, Term.OWN_PART, weight);
  }

  /** The same, for a term of part {@code part}, whose weight is {@code partWeight}. */
  boolean addTo(List<Term> terms, double weight, Timing timing, int chunk, int part, double partWeight) {
    int first = firstKept();
    if (first < 0) {
      return false;
    }
    int last = lastKept();
    String text = clean(chars.substring(first, last + 1));
    // Nested emphasis can multiply past the limit (or to infinity): say so at the term.
    Weights.checkRange(weight, sources[first], text);
    terms.add(new Term(text, weight, new Span(sources[first], sources[last] + 1), timing, chunk, part, partWeight));
    return true;
  }

  /** The cleaned form of any text: what a parser would make of it as one term. */
  static String clean(String raw) {
    var out = new StringBuilder(raw.length());
    boolean inSpace = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (isSpace(c)) {
        inSpace = true;
      } else {
        if (inSpace) {
          out.append(' ');
        }
        inSpace = false;
        out.append(c);
      }
    }
    if (inSpace) {
      out.append(' ');
    }
    String collapsed = out.toString();
    int start = 0;
    int end = collapsed.length();
    while (start < end && isEdge(collapsed.charAt(start))) {
      start++;
    }
    while (end > start && isEdge(collapsed.charAt(end - 1))) {
      end--;
    }
    return collapsed.substring(start, end);
  }

  private int firstKept() {
    for (int i = 0; i < chars.length(); i++) {
      if (!isEdge(chars.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private int lastKept() {
    for (int i = chars.length() - 1; i >= 0; i--) {
      if (!isEdge(chars.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isEdge(char c) {
    return c == ',' || isSpace(c);
  }

  /**
   * Unicode's White_Space: ASCII spaces and line ends, NEL, no-break spaces, the en/em/thin
   * spaces and the ideographic space (what {@code (?U)\\s} matches), so text pasted from a
   * word processor or typed with a CJK keyboard splits as it looks.
   */
  static boolean isSpace(char c) {
    return (c >= '\t' && c <= '\r') || c == ' ' || c == '\u0085' || c == '\u00A0'
        || c == '\u1680' || (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029'
        || c == '\u202F' || c == '\u205F' || c == '\u3000';
  }
}
