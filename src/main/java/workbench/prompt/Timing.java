package workbench.prompt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * When in a run a term conditions the image: A1111's prompt editing ({@code [from:to:when]}) and
 * alternation ({@code [cat|dog]}). A term is active at a step when every condition holds, so
 * nested editing ({@code a[b:[c:d:2]:1]e}) just adds conditions. Steps are numbered 1…steps as
 * A1111 numbers them; {@link #ALWAYS} has no conditions.
 */
public record Timing(List<Condition> conditions) {

  public static final Timing ALWAYS = new Timing(List.of());

  public Timing {
    conditions = List.copyOf(conditions);
  }

  /** One reason a term may sit a step out. */
  public sealed interface Condition permits Until, After, Alternate {
    boolean holdsAt(int step, int steps);
  }

  /** The {@code from} side of {@code [from:to:when]}: active while step ≤ when. */
  public record Until(When when) implements Condition {
    @Override public boolean holdsAt(int step, int steps) {
      return step <= when.step(steps);
    }
  }

  /** The {@code to} side of {@code [from:to:when]}: active once step > when. */
  public record After(When when) implements Condition {
    @Override public boolean holdsAt(int step, int steps) {
      return step > when.step(steps);
    }
  }

  /** Option {@code index} of {@code count} in {@code [a|b|c]}: active on every count-th step. */
  public record Alternate(int index, int count) implements Condition {
    public Alternate {
      if (count < 1 || index < 0 || index >= count) {
        throw new IllegalArgumentException("option " + index + " of " + count + " is not an option");
      }
    }

    @Override public boolean holdsAt(int step, int steps) {
      return Math.floorMod(step - 1, count) == index;
    }
  }

  /**
   * A step number ({@code [a:b:3]}) or a fraction of the steps ({@code [a:b:0.25]}); A1111 tells
   * them apart by the decimal point, so {@code 1.0} is the whole run and {@code 1} is step 1.
   */
  public record When(double value, boolean fraction) {

    /** Lark's SIGNED_NUMBER, which A1111's schedule grammar uses for {@code when}. */
    private static final Pattern LITERAL =
        Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    public When {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("'when' is not a finite number");
      }
    }

    /** Whether A1111 reads {@code text} as a {@code when} (so {@code [a:b:text]} is prompt editing). */
    public static boolean isLiteral(String text) {
      return LITERAL.matcher(text).matches();
    }

    /**
     * {@code text} read as A1111 reads a {@code when}: with a decimal point a fraction of the
     * steps, without one a step number. Refuses text that is not a number, or too large to be one.
     */
    public static When of(String text) {
      if (!isLiteral(text)) {
        throw new IllegalArgumentException("'" + text + "' is not a step number or a fraction of the steps");
      }
      return new When(Double.parseDouble(text), text.contains("."));
    }

    /** The last step of the {@code from} side, as A1111 computes it: min(steps, int(v)). */
    public int step(int steps) {
      double v = fraction ? value * steps : value;
      long truncated = (long) v; // Python's int(): towards zero, and huge values saturate
      return (int) Math.max(Integer.MIN_VALUE, Math.min(steps, truncated));
    }

    /** As written: {@code 0.25} or {@code 3}. */
    public String literal() {
      String text = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
      return fraction && !text.contains(".") ? text + ".0" : text;
    }
  }

  public boolean activeAt(int step, int steps) {
    for (var condition : conditions) {
      if (!condition.holdsAt(step, steps)) {
        return false;
      }
    }
    return true;
  }

  public boolean isAlways() {
    return conditions.isEmpty();
  }

  /** Whether prompt editing starts or stops the term (alternation alone is not editing). */
  public boolean isEdited() {
    return conditions.stream().anyMatch(c -> c instanceof Until || c instanceof After);
  }

  /**
   * The same conditions with every prompt-editing {@code when} replaced by {@code when}: what a
   * grid's when axis runs. Alternation has no {@code when} and stays as it is.
   */
  public Timing withWhen(When when) {
    return new Timing(conditions.stream().map(c -> c instanceof Until ? new Until(when)
        : c instanceof After ? (Condition) new After(when) : c).toList());
  }

  public Timing and(Condition condition) {
    var more = new ArrayList<>(conditions);
    more.add(condition);
    return new Timing(more);
  }

  /** Short form for chips and logs: "until 0.25", "after 3", "step 1 of 2", joined by ", ". */
  public String describe() {
    var parts = new ArrayList<String>();
    for (var condition : conditions) {
      if (condition instanceof Until u) {
        parts.add("until " + u.when().literal());
      } else if (condition instanceof After a) {
        parts.add("after " + a.when().literal());
      } else if (condition instanceof Alternate alt) {
        parts.add("option " + (alt.index() + 1) + " of " + alt.count());
      }
    }
    return String.join(", ", parts);
  }
}
