package workbench.grid;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * The statistics of a seed grid, by commons-math3's distributions. Its two-sided
 * {@code BinomialTest} and exact Wilcoxon add both tails even when they overlap, so a 1–1 tie
 * came out as p = 1.5 (issue 19): the sign test is the textbook
 * {@code min(1, 2·min(P(X ≤ k), P(X ≥ k)))} (R's {@code binom.test} and SciPy's
 * {@code binomtest} for p = ½), and every p-value is held to [0, 1].
 */
public final class GridStatistics {

  /** Score differences under this (0–100 scale) are ties: below what 8-bit pixels can show. */
  public static final double TIE_WITHIN = 0.05;

  private GridStatistics() {}

  /** Mean and sample standard deviation of scores (0–100). */
  public record Summary(double mean, double sd, int n) {}

  public static Summary summary(double[] scores) {
    var stats = new DescriptiveStatistics(scores);
    return new Summary(stats.getMean(), scores.length > 1 ? stats.getStandardDeviation() : 0, scores.length);
  }

  /**
   * Compares {@code variant} with {@code baseline} seed by seed: {@code baseline[i]} and
   * {@code variant[i]} are the scores on the same seed.
   */
  public static PairedComparison compare(
      String baselineName, String variantName, String what, double[] baseline, double[] variant) {
    if (baseline.length != variant.length) {
      throw new IllegalArgumentException("paired scores need the same seeds in both rows");
    }
    int n = baseline.length;
    int wins = 0;
    int losses = 0;
    var differences = new double[n];
    for (int i = 0; i < n; i++) {
      differences[i] = variant[i] - baseline[i];
      if (differences[i] > TIE_WITHIN) {
        wins++;
      } else if (differences[i] < -TIE_WITHIN) {
        losses++;
      }
    }
    int ties = n - wins - losses;
    var stats = new DescriptiveStatistics(differences);
    double mean = stats.getMean();
    double low = mean;
    double high = mean;
    if (n > 1) {
      double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
      double half = t * stats.getStandardDeviation() / Math.sqrt(n);
      low = mean - half;
      high = mean + half;
    }
    double signP = signTest(wins, losses);
    double wilcoxonP = wilcoxon(baseline, variant, wins + losses);
    return new PairedComparison(baselineName, variantName, what, n, wins, losses, ties, mean, low, high,
        signP, wilcoxonP, TIE_WITHIN);
  }

  /** Two-sided exact sign test of {@code wins} against {@code losses} (ties left out); 1 with no untied pair. */
  static double signTest(int wins, int losses) {
    int n = wins + losses;
    if (n == 0) {
      return 1.0;
    }
    var binomial = new BinomialDistribution(null, n, 0.5); // no random generator: only its probabilities are used
    int fewer = Math.min(wins, losses);
    // P(X ≤ fewer) is the smaller tail; the distribution is symmetric, so the other tail is the same.
    return Math.min(1.0, 2 * binomial.cumulativeProbability(fewer));
  }

  /** Exact p-value for up to 30 pairs, normal approximation beyond; 1 when all pairs tie. */
  private static double wilcoxon(double[] baseline, double[] variant, int untied) {
    if (untied == 0 || baseline.length < 2) {
      return 1.0;
    }
    var test = new WilcoxonSignedRankTest();
    // Its exact p doubles P(W ≥ max(W+, W−)), which passes 1 when W+ = W−.
    return Math.min(1.0, test.wilcoxonSignedRankTest(baseline, variant, baseline.length <= 30));
  }
}
