package workbench.prompt;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads prompt text in any {@link Dialect} into a {@link WeightedPrompt}. The only exception it
 * throws is {@link PromptSyntaxException}. Besides each dialect's own rules it enforces the
 * limits every dialect shares: at most {@value #MAX_LENGTH} characters, {@value #MAX_TERMS} terms,
 * |weight| ≤ 100, and a positive sum of weights (there must be something to aim for).
 */
public final class PromptParser {

  public static final int MAX_LENGTH = 2000;
  public static final int MAX_TERMS = 64;
  public static final double MAX_ABS_WEIGHT = Weights.MAX_ABS_WEIGHT;

  /** {@code ::} or {@code --no}: nothing else writes these. */
  private static final Pattern MIDJOURNEY_MARKS = Pattern.compile(
      "(?U)::|(^|\\s)--(no|seed|ar|aspect|stylize|chaos|v|version|q|quality|iw|niji|style)(\\s|$)");
  /** {@code (x)1.2}, {@code (x)+}, {@code word+}, {@code word--}. */
  private static final Pattern COMPEL_MARKS =
      Pattern.compile("(?U)\\)([+-]+|\\.?\\d)|[^\\s,+\\-(\\[\\\\][+-]+(?=[\\s,()]|$)"
          + "|\\.(attend|blend|and|swap)\\(|withLora\\(");
  /** Brackets, escapes or {@code AND}. */
  private static final Pattern A1111_MARKS = Pattern.compile("(?U)[()\\[\\]\\\\]|(^|\\s)(AND|BREAK)(\\s|$)");

  private PromptParser() {}

  /** Parses in the dialect {@link #detect(String)} picks. */
  public static WeightedPrompt parse(String text) {
    return parse(text, detect(text));
  }

  public static WeightedPrompt parse(String text, Dialect dialect) {
    try {
      return parseUnplaced(text, dialect);
    } catch (PromptSyntaxException e) {
      throw e.locatedIn(text);
    }
  }

  private static WeightedPrompt parseUnplaced(String text, Dialect dialect) {
    if (text.length() > MAX_LENGTH) {
      throw new PromptSyntaxException(
          "the prompt is " + text.length() + " characters long: at most " + MAX_LENGTH
              + " fit, so column " + (MAX_LENGTH + 1) + " on is too much",
          MAX_LENGTH + 1, text.substring(MAX_LENGTH, Math.min(text.length(), MAX_LENGTH + 20)),
          "shorten the prompt; a few well-weighted terms steer better than many");
    }
    var parsed = switch (dialect) {
      case MIDJOURNEY -> MidjourneyParser.parse(text);
      case A1111 -> new WeightedPrompt(dialect, A1111Parser.parse(text));
      case COMPEL -> new WeightedPrompt(dialect, CompelParser.parse(text));
    };
    List<Term> terms = parsed.terms();
    if (terms.isEmpty()) {
      throw new PromptSyntaxException(
          "the prompt is empty: write at least one term", 1, text,
          "describe what the image should show, as in 'apple:: tart::'");
    }
    if (terms.size() > MAX_TERMS) {
      var extra = terms.get(MAX_TERMS);
      throw new PromptSyntaxException(
          "too many terms: term " + (MAX_TERMS + 1) + " '" + extra.text() + "' at column "
              + extra.span().column() + " is past the limit of " + MAX_TERMS,
          extra.span().column(), extra.text(), "merge or drop terms: at most 64 are scored");
    }
    var tidy = terms.stream().map(t -> t.withWeight(Weights.tidy(t.weight()))).toList();
    var prompt = new WeightedPrompt(dialect, tidy, parsed.parameters());
    double sum = Weights.tidy(prompt.weightSum());
    if (!(sum > 0)) {
      var first = tidy.get(0);
      throw new PromptSyntaxException(
          "weights sum to " + Weights.format(sum) + ": at least one positive weight is needed",
          first.span().column(), text,
          "weights are relative and negative ones steer away: give the terms you want more weight");
    }
    return prompt;
  }

  /**
   * The dialect a text is most likely written in: Midjourney if it uses {@code ::} or
   * {@code --no}, Compel if it weights with trailing signs or {@code (x)1.2}, A1111 if it has
   * brackets, escapes or {@code AND}; otherwise Midjourney, the default.
   */
  public static Dialect detect(String text) {
    if (MIDJOURNEY_MARKS.matcher(text).find()) {
      return Dialect.MIDJOURNEY;
    }
    if (COMPEL_MARKS.matcher(text).find()) {
      return Dialect.COMPEL;
    }
    if (A1111_MARKS.matcher(text).find()) {
      return Dialect.A1111;
    }
    return Dialect.MIDJOURNEY;
  }
}
