package workbench.prompt;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a prompt in any dialect so that parsing it back in that dialect gives the same terms
 * (texts equal, weights within 1e-6). Terms are joined with {@code " "} in Midjourney
 * ({@code apple:: tart::2}) and {@code ", "} in A1111 and Compel, where a comma ends a term.
 * When a dialect cannot say what a term says it throws {@link PromptRenderException} naming the
 * term and why (e.g. Midjourney cannot write a term containing {@code ::}). Only A1111 can
 * write prompt editing, alternation and {@code BREAK} chunks; only Midjourney writes
 * {@code --seed}. A dialect that cannot carry one of those says so rather than drop it.
 */
public final class PromptRenderer {

  /** A {@code +} or {@code -} ending a word: Compel would read it as a weight. */
  private static final Pattern COMPEL_TRAILING_SIGN = Pattern.compile("[^\\s,+\\-][+\\-]+(?=[\\s,]|$)");
  private static final Pattern AND_WORD = Pattern.compile("(?U)(^|\\s)AND(\\s|$)");
  private static final Pattern EXTRA_NETWORK = Pattern.compile("<(lora|lyco|hypernet):");
  private static final Pattern COMPEL_FUNCTION =
      Pattern.compile("\\.(attend|swap|and|blend)\\(|(^|[^\\p{L}\\p{N}])withLora\\(");

  private PromptRenderer() {}

  public static String render(WeightedPrompt prompt, Dialect dialect) {
    if (dialect != Dialect.MIDJOURNEY) {
      for (var parameter : prompt.parameters()) {
        throw new PromptRenderException(dialect, "--" + parameter.name() + " " + parameter.value(),
            "it has no place for --" + parameter.name() + ": set it in the recipe instead");
      }
    }
    if (dialect != Dialect.A1111) {
      for (var term : prompt.terms()) {
        if (!term.timing().isAlways()) {
          throw new PromptRenderException(dialect, term.text(),
              "only A1111 can say when a term starts, stops or alternates ("
                  + term.timing().describe() + ")");
        }
        if (term.chunk() > 0) {
          throw new PromptRenderException(dialect, term.text(),
              "only A1111 splits a prompt into BREAK chunks");
        }
      }
    }
    String text = switch (dialect) {
      case MIDJOURNEY -> prompt.terms().stream().map(PromptRenderer::midjourney)
          .collect(Collectors.joining(" "))
          + prompt.parameters().stream().map(p -> " --" + p.name() + " " + p.value())
              .collect(Collectors.joining());
      case A1111 -> a1111(prompt);
      case COMPEL -> prompt.terms().stream().map(PromptRenderer::compel)
          .collect(Collectors.joining(", "));
    };
    if (text.length() > PromptParser.MAX_LENGTH && !prompt.terms().isEmpty()) {
      // Escapes and brackets can push a prompt that fit in one dialect past the limit in another.
      throw new PromptRenderException(dialect, prompt.term(0).text(),
          "written in " + dialect.label() + " the prompt takes " + text.length()
              + " characters, more than the " + PromptParser.MAX_LENGTH + " a prompt may have");
    }
    return text;
  }

  /**
   * Terms joined by {@code ", "} (or {@code BREAK}); terms of different parts, as an A1111
   * {@code AND} or a Compel {@code .and()} made them, by {@code AND}, each part ending in its
   * {@code :w} unless that is 1 and its terms written with their emphasis inside it. Terms of a
   * part of their own (Midjourney's, or made in code) are written with their weight as emphasis,
   * as A1111 has no closer way to say them.
   */
  private static String a1111(WeightedPrompt prompt) {
    var out = new StringBuilder();
    int chunk = 0;
    Term previous = null;
    for (var term : prompt.terms()) {
      boolean newPart = previous != null && !term.ownPart() && !previous.ownPart() && term.part() != previous.part();
      if (newPart) {
        out.append(partWeight(previous)).append(" AND ");
        chunk = 0; // each AND part counts its own BREAK chunks
      }
      if (term.chunk() < chunk) {
        throw new PromptRenderException(Dialect.A1111, term.text(),
            "its BREAK chunk comes before the chunk of the term ahead of it");
      }
      if (term.chunk() > chunk) {
        // A BREAK with nothing before it still starts a chunk (A1111 pads an empty one).
        out.append(" BREAK ".repeat(term.chunk() - chunk).replace("  ", " "));
      } else if (!out.isEmpty() && !newPart) {
        out.append(", ");
      }
      chunk = term.chunk();
      out.append(a1111(term));
      previous = term;
    }
    if (previous != null && !previous.ownPart()) {
      out.append(partWeight(previous));
    }
    return out.toString();
  }

  /** An A1111 AND part's {@code :w} after its last term; nothing for weight 1. */
  private static String partWeight(Term last) {
    return last.ownPart() || last.partWeight() == 1 ? "" : " :" + Weights.format(last.partWeight());
  }

  /** {@code text::} for weight 1 (the seed page's style), {@code text::w} otherwise. */
  private static String midjourney(Term term) {
    String text = term.text();
    if (text.contains("::")) {
      throw new PromptRenderException(Dialect.MIDJOURNEY, text, "'::' would split it in two");
    }
    if (text.endsWith(":")) {
      throw new PromptRenderException(Dialect.MIDJOURNEY, text,
          "its last ':' would run into the '::' after it");
    }
    for (int i = 0; i < text.length(); i++) {
      String parameter = MidjourneyParser.parameterAt(text, i);
      if (parameter != null) {
        throw new PromptRenderException(Dialect.MIDJOURNEY, text,
            "'--" + parameter + "' would be read as a parameter");
      }
    }
    return text + "::" + (term.weight() == 1 ? "" : Weights.format(term.weight()));
  }

  /**
   * Plain text for weight 1, {@code (text:w)} otherwise or when the text has , : | or AND; then
   * wrapped in {@code [text::when]}, {@code [text:when]} or {@code [|text]} for its timing.
   */
  private static String a1111(Term term) {
    String text = term.text();
    refuseSyntaxWords(Dialect.A1111, text);
    String escaped = escape(text, A1111Parser.ESCAPABLE);
    boolean plain = text.indexOf(',') < 0 && text.indexOf(':') < 0 && text.indexOf('|') < 0
        && !AND_WORD.matcher(text).find();
    // Inside a part of others the term's emphasis is what its brackets say; alone, its weight.
    double emphasis = term.ownPart() ? term.weight() : Weights.tidy(term.emphasis());
    String written = emphasis == 1 && plain ? escaped
        : "(" + escaped + ":" + Weights.format(emphasis) + ")";
    var conditions = term.timing().conditions();
    for (int i = conditions.size() - 1; i >= 0; i--) {
      var condition = conditions.get(i);
      if (condition instanceof Timing.Until until) {
        written = "[" + written + "::" + until.when().literal() + "]";
      } else if (condition instanceof Timing.After after) {
        written = "[" + written + ":" + after.when().literal() + "]";
      } else if (condition instanceof Timing.Alternate alternate) {
        written = "[" + "|".repeat(alternate.index()) + written
            + "|".repeat(alternate.count() - 1 - alternate.index()) + "]";
      }
    }
    return written;
  }

  /** Whether the A1111 parser would see a BREAK in the text (its own test, so both agree). */
  private static boolean containsBreak(String text) {
    for (int i = text.indexOf("BREAK"); i >= 0; i = text.indexOf("BREAK", i + 1)) {
      if (A1111Parser.isBreak(text, i)) {
        return true;
      }
    }
    return false;
  }

  /** Words the parser would read as BREAK or an extra network, which no escape can hide. */
  private static void refuseSyntaxWords(Dialect dialect, String text) {
    if (dialect == Dialect.A1111 && containsBreak(text)) {
      throw new PromptRenderException(dialect, text, "'BREAK' would split it into two chunks");
    }
    if (EXTRA_NETWORK.matcher(text).find()) {
      throw new PromptRenderException(dialect, text, "'<lora:' would be read as an extra network");
    }
  }

  /** Plain text for weight 1 ({@code (text)} if it has a comma), {@code (text)w} otherwise. */
  private static String compel(Term term) {
    String text = term.text();
    var sign = COMPEL_TRAILING_SIGN.matcher(text);
    if (sign.find()) {
      throw new PromptRenderException(Dialect.COMPEL, text,
          "'" + sign.group().substring(1) + "' at the end of a word would be read as a weight");
    }
    refuseSyntaxWords(Dialect.COMPEL, text);
    var function = COMPEL_FUNCTION.matcher(text);
    if (function.find()) {
      throw new PromptRenderException(Dialect.COMPEL, text,
          "'" + function.group().strip() + "' would be read as a Compel function");
    }
    String escaped = escape(text, "()\\\"");
    if (term.weight() == 1) {
      return text.indexOf(',') < 0 ? escaped : "(" + escaped + ")";
    }
    return "(" + escaped + ")" + Weights.format(term.weight());
  }

  private static String escape(String text, String special) {
    var out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (special.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
