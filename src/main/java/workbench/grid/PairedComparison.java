package workbench.grid;

import java.util.Locale;

/**
 * A variant against the baseline on the same seeds, for one score (combined or one term):
 * seed-by-seed wins, losses and ties, the mean difference with its 95% confidence interval,
 * and two-sided p-values of the sign test and the Wilcoxon signed-rank test. Scores are 0–100.
 *
 * @param what "combined" or the term's text
 * @param tieWithin differences smaller than this count as ties
 */
public record PairedComparison(
    String baseline,
    String variant,
    String what,
    int seeds,
    int wins,
    int losses,
    int ties,
    double meanDifference,
    double ci95Low,
    double ci95High,
    double signTestP,
    double wilcoxonP,
    double tieWithin) {

  /** The plain-language verdict, based on the sign test (it assumes nothing about the spread). */
  public String verdict() {
    String subject = what.equals("combined") ? "overall" : "for '" + what + "'";
    if (wins == losses) {
      return label(variant) + " and " + label(baseline) + " tie " + subject + ": " + wins + " wins each of "
          + seeds + " seeds (p = " + p(signTestP) + "): no difference the seeds can show.";
    }
    boolean variantAhead = wins > losses;
    String winner = variantAhead ? label(variant) : label(baseline);
    String loser = variantAhead ? label(baseline) : label(variant);
    int count = Math.max(wins, losses);
    String head = winner + " beats " + loser + " on " + count + " of " + seeds + " seeds " + subject
        + " (p = " + p(signTestP) + ")";
    if (seeds - ties < 6) {
      return head + ": too few seeds to tell — even " + (seeds - ties) + " of " + (seeds - ties)
          + " could be luck; add seeds.";
    }
    if (signTestP < 0.01) {
      return head + ": a clear difference across seeds.";
    }
    if (signTestP < 0.05) {
      return head + ": likely a real difference; more seeds would make it firm.";
    }
    if (signTestP < 0.10) {
      return head + ": suggestive, not conclusive — add seeds.";
    }
    return head + ": within seed-to-seed noise, no reliable difference.";
  }

  private static String label(String name) {
    return name;
  }

  static String p(double p) {
    if (p < 0.001) {
      return "< 0.001";
    }
    return String.format(Locale.ROOT, p < 0.01 ? "%.3f" : "%.2f", p);
  }
}
