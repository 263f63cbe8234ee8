package workbench.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Midjourney multi-prompts. {@code ::} ends a term; a number right after it is that term's
 * weight ({@code apple:: tart::2}); text after the last {@code ::} is a term of weight 1. Weights
 * are relative: when one lies outside ±100 all are first divided by their sum, as Midjourney
 * normalises them, and only then is the cap applied ({@code tulips::200 red::-100} is
 * {@code tulips:: red::-.5}). Parameters follow the prompt: {@code --no red, blue} is one term
 * "red, blue" at -0.5 (the docs' {@code red, blue::-.5}; commas never split in Midjourney) and
 * runs to the next parameter; {@code --seed 42} is carried on the prompt for the recipe; every
 * other documented parameter ({@code --ar}, {@code --stylize}, …) is refused with its name.
 */
final class MidjourneyParser {

  static final String NO = "--no";
  static final double NO_WEIGHT = -0.5;
  /** Midjourney's documented parameters, long and short names. */
  static final Set<String> PARAMETERS = Set.of(
      "no", "seed", "sameseed", "ar", "aspect", "chaos", "c", "q", "quality", "r", "repeat",
      "stop", "style", "stylize", "s", "tile", "v", "version", "niji", "weird", "w", "iw", "cref",
      "cw", "sref", "sw", "oref", "ow", "raw", "p", "personalize", "profile", "fast", "relax",
      "turbo", "draft", "exp", "video", "motion", "hd", "test", "testp", "creative", "uplight",
      "upbeta", "upanime", "public", "stealth");

  private final String source;
  private final List<Term> terms = new ArrayList<>();
  private final List<PromptParameter> parameters = new ArrayList<>();
  private int pos;

  private MidjourneyParser(String source) {
    this.source = source;
  }

  static WeightedPrompt parse(String source) {
    var parser = new MidjourneyParser(source);
    parser.parseParts();
    return new WeightedPrompt(Dialect.MIDJOURNEY, parser.normalised(), parser.parameters);
  }

  private void parseParts() {
    var current = new TermText();
    while (pos < source.length()) {
      if (source.startsWith("::", pos)) {
        int separator = pos;
        pos += 2;
        double weight = readWeight();
        if (!current.addUncapped(terms, weight)) {
          throw new PromptSyntaxException(
              "'::' at column " + (separator + 1) + " has no term before it",
              separator + 1, "::", "write the term before its '::', as in 'apple:: tart::2'");
        }
        current = new TermText();
      } else if (parameterAt(source, pos) != null) {
        current.addUncapped(terms, 1);
        current = new TermText();
        parseParameters();
      } else {
        current.append(source.charAt(pos), pos);
        pos++;
      }
    }
    current.addUncapped(terms, 1);
  }

  /** Divides by the sum when a weight is past the cap, then applies the cap to each term. */
  private List<Term> normalised() {
    double sum = terms.stream().mapToDouble(Term::weight).sum();
    boolean pastCap = terms.stream().anyMatch(t -> Math.abs(t.weight()) > Weights.MAX_ABS_WEIGHT);
    if (!pastCap || !(sum > 0) || !Double.isFinite(sum)) {
      terms.forEach(t -> Weights.checkRange(t.weight(), t.span().start(), t.text()));
      return terms;
    }
    var scaled = new ArrayList<Term>();
    for (var term : terms) {
      double weight = term.weight() / sum;
      Weights.checkRange(weight, term.span().start(), term.text());
      scaled.add(term.withWeight(weight));
    }
    return scaled;
  }

  /** The number glued to a {@code ::}; text that does not start like a number is the next term. */
  private double readWeight() {
    int start = pos;
    int end = start;
    while (end < source.length() && !TermText.isSpace(source.charAt(end))
        && source.charAt(end) != ':' && source.charAt(end) != ',') {
      end++;
    }
    if (end == start || !Weights.looksNumeric(source.charAt(start))) {
      return 1;
    }
    pos = end;
    return Weights.parseUncapped(source.substring(start, end), start);
  }

  /** From the first parameter on, only parameters may follow. */
  private void parseParameters() {
    while (pos < source.length()) {
      if (TermText.isSpace(source.charAt(pos))) {
        pos++;
        continue;
      }
      String name = parameterAt(source, pos);
      if (name == null) {
        int end = pos;
        while (end < source.length() && !TermText.isSpace(source.charAt(end))) {
          end++;
        }
        throw new PromptSyntaxException(
            "'" + source.substring(pos, end) + "' at column " + (pos + 1)
                + " comes after the parameters: prompt text goes before the first --parameter",
            pos + 1, source.substring(pos, end), "move the text before the parameters");
      }
      switch (name) {
        case "no" -> parseNoList();
        case "seed" -> parseSeed();
        default -> throw new PromptSyntaxException(
            "Midjourney parameter '--" + name + "' at column " + (pos + 1)
                + " is not supported here: the workbench sets size, quality and style in the"
                + " recipe, not in the prompt",
            pos + 1, "--" + name, "remove '--" + name + "' and its value; --seed and --no are read");
      }
    }
  }

  private void parseSeed() {
    int keyword = pos;
    pos += "--seed".length();
    while (pos < source.length() && TermText.isSpace(source.charAt(pos))) {
      pos++;
    }
    int end = pos;
    while (end < source.length() && !TermText.isSpace(source.charAt(end))) {
      end++;
    }
    String value = source.substring(pos, end);
    if (!value.matches("\\d{1,10}") || Long.parseLong(value) > 4_294_967_295L) {
      throw new PromptSyntaxException(
          "'--seed' at column " + (keyword + 1) + " needs a whole number from 0 to 4294967295"
              + (value.isEmpty() ? "" : ", not '" + value + "'"),
          keyword + 1, value.isEmpty() ? "--seed" : value, "write it as --seed 42");
    }
    parameters.add(new PromptParameter(PromptParameter.SEED, value, new Span(pos, end)));
    pos = end;
  }

  private void parseNoList() {
    int keyword = pos;
    pos += NO.length();
    var item = new TermText();
    while (pos < source.length() && parameterAt(source, pos) == null) {
      if (source.startsWith("::", pos)) {
        throw new PromptSyntaxException(
            "'::' at column " + (pos + 1) + " is inside the --no list started at column "
                + (keyword + 1),
            pos + 1, "::", "--no takes plain terms and runs to the end: put weighted terms before it");
      }
      item.append(source.charAt(pos), pos);
      pos++;
    }
    if (!item.addUncapped(terms, NO_WEIGHT)) {
      throw new PromptSyntaxException(
          "'--no' at column " + (keyword + 1) + " has no terms after it",
          keyword + 1, NO, "list what to leave out, as in '--no red, blue'");
    }
  }

  /** The documented parameter starting at {@code index} as a word of its own, or null. */
  static String parameterAt(String text, int index) {
    if (!text.startsWith("--", index) || (index > 0 && !TermText.isSpace(text.charAt(index - 1)))) {
      return null;
    }
    int end = index + 2;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    String name = text.substring(index + 2, end);
    boolean wordEnds = end == text.length() || TermText.isSpace(text.charAt(end));
    return wordEnds && PARAMETERS.contains(name) ? name : null;
  }
}
