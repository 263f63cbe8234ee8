package workbench.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A prompt as the checker sees it: ordered terms with relative weights, and the dialect it was
 * written in. {@code hot::2 dog} and {@code hot::4 dog::2} differ in weights but not in
 * {@link #normalisedWeights()}.
 */
public record WeightedPrompt(Dialect dialect, List<Term> terms, List<PromptParameter> parameters) {

  public WeightedPrompt {
    terms = List.copyOf(terms);
    parameters = List.copyOf(parameters);
  }

  public WeightedPrompt(Dialect dialect, List<Term> terms) {
    this(dialect, terms, List.of());
  }

  /** Midjourney's {@code --seed}, when the prompt names one. */
  public OptionalLong seed() {
    return parameters.stream().filter(p -> p.name().equals(PromptParameter.SEED))
        .mapToLong(p -> Long.parseLong(p.value())).reduce((first, later) -> later);
  }

  /** Whether any term sits some steps out (A1111 prompt editing or alternation). */
  public boolean isScheduled() {
    return terms.stream().anyMatch(t -> !t.timing().isAlways());
  }

  /** Whether any term is started or stopped by A1111 prompt editing ({@code [from:to:when]} and its kin). */
  public boolean hasPromptEditing() {
    return terms.stream().anyMatch(t -> t.timing().isEdited());
  }

  /** The terms that condition step {@code step} (1-based) of a run of {@code steps}. */
  public List<Term> termsAt(int step, int steps) {
    return terms.stream().filter(t -> t.activeAt(step, steps)).toList();
  }

  public static WeightedPrompt of(Dialect dialect, Term... terms) {
    return new WeightedPrompt(dialect, List.of(terms));
  }

  public int size() {
    return terms.size();
  }

  public Term term(int index) {
    return terms.get(index);
  }

  public List<String> texts() {
    return terms.stream().map(Term::text).toList();
  }

  public List<Double> weights() {
    return terms.stream().map(Term::weight).toList();
  }

  /** Σ w: must be positive for a prompt to mean anything. */
  public double weightSum() {
    return terms.stream().mapToDouble(Term::weight).sum();
  }

  /** Σ |w|: the denominator of the combined score. */
  public double absoluteWeightSum() {
    return terms.stream().mapToDouble(t -> Math.abs(t.weight())).sum();
  }

  /** Each weight divided by Σ |w|, so their absolute values sum to 1 (all 0 when all are 0). */
  public List<Double> normalisedWeights() {
    double total = absoluteWeightSum();
    return terms.stream().map(t -> total == 0 ? 0.0 : t.weight() / total).toList();
  }

  public double normalisedWeight(int index) {
    return normalisedWeights().get(index);
  }

  /** The same prompt with one term's weight changed (spans keep pointing at the old text). */
  public WeightedPrompt withWeight(int index, double weight) {
    var changed = new ArrayList<>(terms);
    changed.set(index, terms.get(index).withWeight(weight));
    return new WeightedPrompt(dialect, changed, parameters);
  }

  /**
   * The same prompt with every prompt-editing construct switching at {@code when} (spans keep
   * pointing at the old text); alternation and terms without editing are unchanged.
   */
  public WeightedPrompt withWhen(Timing.When when) {
    return new WeightedPrompt(dialect, terms.stream().map(t -> t.withTiming(t.timing().withWhen(when))).toList(), parameters);
  }

  /**
   * Same texts, timings and chunks in the same order with weights within {@code tolerance}: what a round trip through
   * another dialect keeps (spans and dialect are allowed to differ).
   */
  public boolean sameTermsAs(WeightedPrompt other, double tolerance) {
    if (terms.size() != other.terms.size()) {
      return false;
    }
    for (int i = 0; i < terms.size(); i++) {
      var mine = terms.get(i);
      var theirs = other.terms.get(i);
      if (!mine.text().equals(theirs.text()) || !mine.timing().equals(theirs.timing())
          || mine.chunk() != theirs.chunk()
          || Math.abs(mine.weight() - theirs.weight()) > tolerance) {
        return false;
      }
    }
    return true;
  }
}
