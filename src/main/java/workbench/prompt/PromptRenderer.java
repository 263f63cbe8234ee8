package workbench.prompt;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a prompt in any dialect so that parsing it back in that dialect gives the same terms
 * (texts equal, weights within 1e-6). Terms are joined with {@code " "} in Midjourney
 * ({@code apple:: tart::2}) and {@code ", "} in A1111 and Compel, where a comma ends a term.
 * When a dialect cannot say what a term says it throws {@link PromptRenderException} naming the
 * term and why (e.g. Midjourney cannot write a term containing {@code ::}).
 */
public final class PromptRenderer {

  /** A {@code +} or {@code -} ending a word: Compel would read it as a weight. */
  private static final Pattern COMPEL_TRAILING_SIGN = Pattern.compile("[^\\s,+\\-][+\\-]+(?=[\\s,]|$)");
  private static final Pattern AND_WORD = Pattern.compile("(^|\\s)AND(\\s|$)");

  private PromptRenderer() {}

  public static String render(WeightedPrompt prompt, Dialect dialect) {
    return switch (dialect) {
      case MIDJOURNEY -> prompt.terms().stream().map(PromptRenderer::midjourney)
          .collect(Collectors.joining(" "));
      case A1111 -> prompt.terms().stream().map(PromptRenderer::a1111)
          .collect(Collectors.joining(", "));
      case COMPEL -> prompt.terms().stream().map(PromptRenderer::compel)
          .collect(Collectors.joining(", "));
    };
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
      if (MidjourneyParser.isNoParameter(text, i)) {
        throw new PromptRenderException(Dialect.MIDJOURNEY, text,
            "'--no' would start a list of things to leave out");
      }
    }
    return text + "::" + (term.weight() == 1 ? "" : Weights.format(term.weight()));
  }

  /** Plain text for weight 1, {@code (text:w)} otherwise or when the text has , : or AND. */
  private static String a1111(Term term) {
    String text = term.text();
    String escaped = escape(text, A1111Parser.ESCAPABLE);
    boolean plain = text.indexOf(',') < 0 && text.indexOf(':') < 0
        && !AND_WORD.matcher(text).find();
    if (term.weight() == 1 && plain) {
      return escaped;
    }
    return "(" + escaped + ":" + Weights.format(term.weight()) + ")";
  }

  /** Plain text for weight 1 ({@code (text)} if it has a comma), {@code (text)w} otherwise. */
  private static String compel(Term term) {
    String text = term.text();
    var sign = COMPEL_TRAILING_SIGN.matcher(text);
    if (sign.find()) {
      throw new PromptRenderException(Dialect.COMPEL, text,
          "'" + sign.group().substring(1) + "' at the end of a word would be read as a weight");
    }
    String escaped = escape(text, "()\\");
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
