package workbench.prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * What the A1111 and Compel scanners build: characters, commas and weighted groups, later
 * flattened into terms. Both dialects split terms the same way: a top-level comma ends a term,
 * a group (and a Compel {@code word+}) is a term of its own, and commas inside a group stay in
 * its phrase, so {@code a cat, (red hat, blue sky:1.2)} is "a cat" 1 and "red hat, blue sky" 1.2.
 */
final class EmphasisTree {

  sealed interface Node permits Chr, Comma, Group, AndSeparator, PartWeight, Scheduled,
      Alternation, Break {}

  /** A1111 {@code [from:to:when]}: {@code from} until the step, {@code to} after it. */
  record Scheduled(List<Node> from, List<Node> to, Timing.When when, int pos) implements Node {}

  /** A1111 {@code [a|b|c]}: one option per step, in turn. */
  record Alternation(List<List<Node>> options, int pos) implements Node {}

  /** A1111 {@code BREAK}: ends a term and starts the next conditioning chunk. */
  record Break(int pos) implements Node {}

  /** A character of term text; {@code pos} is where it sits in the source. */
  record Chr(char c, int pos) implements Node {}

  record Comma(int pos) implements Node {}

  /**
   * Brackets or a Compel weighted word: every term inside is multiplied by {@code factor}. A
   * {@code separate} group (a Compel {@code .and()} or {@code .blend()} prompt) is a prompt of its
   * own for a diffusion model, with {@code factor} its weight, not an emphasis inside the others.
   */
  record Group(List<Node> children, double factor, int pos, boolean separate) implements Node {
    Group(List<Node> children, double factor, int pos) {
      this(children, factor, pos, false);
    }
  }

  /** A1111 {@code AND}: the prompts on either side are separate terms. */
  record AndSeparator(int pos) implements Node {}

  /** A1111 {@code :1.2} at the end of an {@code AND} part weights the whole part. */
  record PartWeight(double weight, int pos) implements Node {}

  private EmphasisTree() {}

  static List<Term> flatten(List<Node> top) {
    var terms = new ArrayList<Term>();
    var part = new ArrayList<Node>();
    var parts = new int[1];
    int previousAnd = -1;
    for (var node : top) {
      if (node instanceof AndSeparator and) {
        if (!flattenPart(part, terms, parts)) {
          throw emptyAndPart(and.pos(), "before");
        }
        part.clear();
        previousAnd = and.pos();
      } else {
        part.add(node);
      }
    }
    if (!flattenPart(part, terms, parts) && previousAnd >= 0) {
      throw emptyAndPart(previousAnd, "after");
    }
    return terms;
  }

  /** One AND part: its terms share a part number ({@code parts[0]}, the next free one). */
  private static boolean flattenPart(List<Node> part, List<Term> terms, int[] parts) {
    double weight = 1;
    for (var node : part) {
      if (node instanceof PartWeight partWeight) {
        weight = partWeight.weight();
      }
    }
    int before = terms.size();
    new Flattener(terms, parts, parts[0]++, weight).into(part, weight, true, Timing.ALWAYS);
    return terms.size() > before;
  }

  /**
   * Walks one AND part; counts BREAKs as it goes, so each term knows its chunk, and gives its
   * terms the part's number and weight (a separate group's terms a new part of their own).
   */
  private static final class Flattener {
    private final List<Term> terms;
    private final int[] parts;
    private int part;
    private double partWeight;
    private int chunk;

    Flattener(List<Term> terms, int[] parts, int part, double partWeight) {
      this.terms = terms;
      this.parts = parts;
      this.part = part;
      this.partWeight = partWeight;
    }

    void into(List<Node> nodes, double multiplier, boolean topLevel, Timing timing) {
      var current = new TermText();
      for (var node : nodes) {
        if (node instanceof Chr chr) {
          current.append(chr.c(), chr.pos());
          continue;
        }
        if (node instanceof Comma comma && !topLevel) {
          current.append(',', comma.pos());
          continue;
        }
        // Anything else ends the phrase being collected.
        current.addTo(terms, multiplier, timing, chunk, part, partWeight);
        current = new TermText();
        if (node instanceof Break) {
          chunk++;
        } else if (node instanceof Group group && group.separate()) {
          int outer = part;
          double outerWeight = partWeight;
          part = parts[0]++;
          partWeight = multiplier * group.factor();
          into(group.children(), partWeight, false, timing);
          part = outer;
          partWeight = outerWeight;
        } else if (node instanceof Group group) {
          into(group.children(), multiplier * group.factor(), false, timing);
        } else if (node instanceof Scheduled scheduled) {
          into(scheduled.from(), multiplier, false, timing.and(new Timing.Until(scheduled.when())));
          into(scheduled.to(), multiplier, false, timing.and(new Timing.After(scheduled.when())));
        } else if (node instanceof Alternation alternation) {
          int count = alternation.options().size();
          for (int i = 0; i < count; i++) {
            into(alternation.options().get(i), multiplier, false,
                timing.and(new Timing.Alternate(i, count)));
          }
        }
        // AND parts are split off before; a PartWeight applies to its whole part.
      }
      current.addTo(terms, multiplier, timing, chunk, part, partWeight);
    }
  }

  private static PromptSyntaxException emptyAndPart(int pos, String side) {
    return new PromptSyntaxException(
        "'AND' at column " + (pos + 1) + " has no prompt " + side + " it",
        pos + 1, "AND", "AND joins two prompts, as in 'a cat :1.2 AND a dog'");
  }

  static PromptSyntaxException tooDeep(char open, int pos, int limit) {
    return new PromptSyntaxException(
        "'" + open + "' at column " + (pos + 1) + " nests brackets more than " + limit + " deep",
        pos + 1, String.valueOf(open),
        "a few levels say all there is to say: write (x:1.5) instead of (((((x)))))");
  }

  static PromptSyntaxException unclosed(char open, int pos) {
    char close = open == '(' ? ')' : ']';
    return new PromptSyntaxException(
        "unclosed '" + open + "' opened at column " + (pos + 1),
        pos + 1, String.valueOf(open),
        "close it with '" + close + "', or write '\\" + open + "' for a bracket as text");
  }

  static PromptSyntaxException unmatched(char close, int pos) {
    return new PromptSyntaxException(
        "unmatched '" + close + "' at column " + (pos + 1),
        pos + 1, String.valueOf(close),
        "remove it, or write '\\" + close + "' for a bracket as text");
  }

  /** Product of signs: {@code +} is ×1.1, {@code -} is ×0.9, repeated signs compound. */
  static double signFactor(String signs) {
    double factor = 1;
    for (int i = 0; i < signs.length(); i++) {
      factor *= signs.charAt(i) == '+' ? 1.1 : 0.9;
    }
    return factor;
  }
}
