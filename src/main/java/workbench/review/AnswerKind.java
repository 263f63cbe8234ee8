package workbench.review;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a review's question is answered, with the words a reviewer (or an API client) uses:
 * yes/no/unsure, a 1–5 scale, or which of two same-seed images is better ("left"/"right").
 * "skip" answers nothing in every kind.
 */
public enum AnswerKind {
  YES_NO("Yes / no / unsure", List.of("yes", "no", "unsure")),
  SCALE("Scale 1–5", List.of("1", "2", "3", "4", "5")),
  PAIRWISE("Which of two is better (same seed)", List.of("left", "right"));

  public static final String SKIP = "skip";

  private final String label;
  private final List<String> answers;

  AnswerKind(String label, List<String> answers) {
    this.label = label;
    this.answers = answers;
  }

  public String label() {
    return label;
  }

  /** The answers this kind takes, besides "skip". */
  public List<String> answers() {
    return answers;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** yes-no, scale or pairwise (also the enum names); anything else is refused by name. */
  public static AnswerKind of(String text) {
    var key = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (var kind : values()) {
      if (kind.name().equals(key)) {
        return kind;
      }
    }
    throw new ReviewException("kind", "Unknown answer kind '" + text + "': yes-no, scale or pairwise");
  }

  /**
   * The stored value of an answer; empty for "skip". For pairwise, {@code flipped} says the
   * reviewer saw row B on the left, so the value is stored by row, not by side.
   */
  Optional<Short> value(String answer, boolean flipped) {
    var a = answer.strip().toLowerCase(Locale.ROOT);
    if (a.equals(SKIP)) {
      return Optional.empty();
    }
    short v = switch (this) {
      case YES_NO -> switch (a) {
        case "yes", "y" -> 1;
        case "no", "n" -> 0;
        case "unsure", "u" -> 2;
        default -> -1;
      };
      case SCALE -> a.matches("[1-5]") ? Short.parseShort(a) : -1;
      case PAIRWISE -> switch (a) {
        case "left" -> (short) (flipped ? 1 : 0);
        case "right" -> (short) (flipped ? 0 : 1);
        default -> -1;
      };
    };
    if (v < 0) {
      throw new ReviewException("answer", "A " + label.toLowerCase(Locale.ROOT) + " review takes "
          + String.join(", ", answers) + " or skip; got '" + answer + "'");
    }
    return Optional.of(v);
  }

  /** The word for a stored value, as the reviewer who gave it saw it. */
  String word(short value, boolean flipped) {
    return switch (this) {
      case YES_NO -> value == 1 ? "yes" : value == 0 ? "no" : "unsure";
      case SCALE -> Short.toString(value);
      case PAIRWISE -> (value == 0) != flipped ? "left" : "right";
    };
  }
}
