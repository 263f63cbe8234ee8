package workbench.prompt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.regex.Pattern;

/** Reading and writing weight numbers the same way in every dialect. */
final class Weights {

  static final double MAX_ABS_WEIGHT = 100;

  /** Plain decimals only: {@code 2}, {@code .5}, {@code -0.5}, {@code 2.}; no exponents. */
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

  private Weights() {}

  static boolean isNumber(String text) {
    return NUMBER.matcher(text).matches();
  }

  /** Whether a piece of text is an attempt at a number (so a typo is an error, not text). */
  static boolean looksNumeric(char first) {
    return Character.isDigit(first) || first == '.' || first == '+' || first == '-';
  }

  /**
   * A weight literal as written at {@code index} in the prompt, checked for being a number and in
   * range.
   */
  static double parse(String literal, int index) {
    if (!isNumber(literal)) {
      throw new PromptSyntaxException(
          "weight '" + literal + "' at column " + (index + 1) + " is not a number",
          index + 1, literal, "write a plain decimal such as 2, 0.5 or -0.5");
    }
    double weight = Double.parseDouble(literal);
    checkRange(weight, index, literal);
    return weight;
  }

  /** A weight that is relative to others (Midjourney): any finite size, capped later. */
  static double parseUncapped(String literal, int index) {
    if (!isNumber(literal)) {
      throw new PromptSyntaxException(
          "weight '" + literal + "' at column " + (index + 1) + " is not a number",
          index + 1, literal, "write a plain decimal such as 2, 0.5 or -0.5");
    }
    double weight = Double.parseDouble(literal);
    if (!(Math.abs(weight) < 1e15)) {
      throw new PromptSyntaxException(
          "weight '" + (literal.length() > 20 ? literal.substring(0, 20) + "…" : literal)
              + "' at column " + (index + 1) + " is too large to weigh anything against",
          index + 1, literal, "weights are relative: 'a::3 b::1' says all 'a::3e20 b::1e20' would");
    }
    return weight;
  }

  static void checkRange(double weight, int index, String fragment) {
    if (!(Math.abs(weight) <= MAX_ABS_WEIGHT)) {
      throw new PromptSyntaxException(
          "weight " + format(weight) + " at column " + (index + 1)
              + " is out of range: weights must lie between -100 and 100",
          index + 1, fragment,
          "weights are relative, so scale them all down: 'a::300 b::100' means 'a::3 b::1'");
    }
  }

  /**
   * Products such as 1.1 × 1.1 come out as 1.2100000000000002; 12 significant digits give the
   * 1.21 people wrote, far inside the 1e-6 a round trip allows.
   */
  static double tidy(double weight) {
    if (!Double.isFinite(weight) || weight == 0) {
      return weight;
    }
    return new BigDecimal(weight).round(new MathContext(12)).doubleValue();
  }

  /** Shortest plain decimal for a weight: 1, 0.5, -0.5, 1.331 (never 1E+2 or 1.0). */
  static String format(double weight) {
    if (!Double.isFinite(weight)) {
      return Double.toString(weight);
    }
    if (weight == 0) {
      return "0";
    }
    return BigDecimal.valueOf(weight).round(new MathContext(10)).stripTrailingZeros().toPlainString();
  }
}
