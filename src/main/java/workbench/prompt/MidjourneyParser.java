package workbench.prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * Midjourney multi-prompts. {@code ::} ends a term; a number right after it is that term's
 * weight ({@code apple:: tart::2}); text after the last {@code ::} is a term of weight 1.
 * {@code --no red, blue} adds each comma-separated item with weight -0.5 and runs to the end of
 * the prompt (or the next {@code --no}). Everything else, commas and single colons included, is
 * term text.
 */
final class MidjourneyParser {

  static final String NO = "--no";
  static final double NO_WEIGHT = -0.5;

  private final String source;
  private final List<Term> terms = new ArrayList<>();
  private int pos;

  private MidjourneyParser(String source) {
    this.source = source;
  }

  static List<Term> parse(String source) {
    var parser = new MidjourneyParser(source);
    parser.parseParts();
    return parser.terms;
  }

  private void parseParts() {
    var current = new TermText();
    while (pos < source.length()) {
      if (source.startsWith("::", pos)) {
        int separator = pos;
        pos += 2;
        double weight = readWeight();
        if (!current.addTo(terms, weight)) {
          throw new PromptSyntaxException(
              "'::' at column " + (separator + 1) + " has no term before it",
              separator + 1, "::", "write the term before its '::', as in 'apple:: tart::2'");
        }
        current = new TermText();
      } else if (isNoParameter(source, pos)) {
        current.addTo(terms, 1);
        current = new TermText();
        parseNoList();
      } else {
        current.append(source.charAt(pos), pos);
        pos++;
      }
    }
    current.addTo(terms, 1);
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
    return Weights.parse(source.substring(start, end), start);
  }

  private void parseNoList() {
    int keyword = pos;
    pos += NO.length();
    int before = terms.size();
    var item = new TermText();
    while (pos < source.length() && !isNoParameter(source, pos)) {
      char c = source.charAt(pos);
      if (source.startsWith("::", pos)) {
        throw new PromptSyntaxException(
            "'::' at column " + (pos + 1) + " is inside the --no list started at column "
                + (keyword + 1),
            pos + 1, "::", "--no takes plain terms and runs to the end: put weighted terms before it");
      }
      if (c == ',') {
        item.addTo(terms, NO_WEIGHT);
        item = new TermText();
      } else {
        item.append(c, pos);
      }
      pos++;
    }
    item.addTo(terms, NO_WEIGHT);
    if (terms.size() == before) {
      throw new PromptSyntaxException(
          "'--no' at column " + (keyword + 1) + " has no terms after it",
          keyword + 1, NO, "list what to leave out, as in '--no red, blue'");
    }
  }

  /** {@code --no} as a word of its own, not part of {@code --north}. */
  static boolean isNoParameter(String text, int index) {
    int after = index + NO.length();
    return text.startsWith(NO, index)
        && (index == 0 || TermText.isSpace(text.charAt(index - 1)))
        && (after == text.length() || TermText.isSpace(text.charAt(after)));
  }
}
