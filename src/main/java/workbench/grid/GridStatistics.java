package workbench.grid;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/** The statistics of a seed grid, by commons-math3 (no hand-written tests). */
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
    double signP = wins + losses == 0
        ? 1.0
        : new BinomialTest().binomialTest(wins + losses, wins, 0.5, AlternativeHypothesis.TWO_SIDED);
    double wilcoxonP = wilcoxon(baseline, variant, wins + losses);
    return new PairedComparison(baselineName, variantName, what, n, wins, losses, ties, mean, low, high,
        signP, wilcoxonP, TIE_WITHIN);
  }

  /** Exact p-value for up to 30 pairs, normal approximation beyond; 1 when all pairs tie. */
  private static double wilcoxon(double[] baseline, double[] variant, int untied) {
    if (untied == 0 || baseline.length < 2) {
      return 1.0;
    }
    var test = new WilcoxonSignedRankTest();
    return test.wilcoxonSignedRankTest(baseline, variant, baseline.length <= 30);
  }

  /** Comparisons of every variant against the first (baseline) row. */
  public static List<PairedComparison> againstBaseline(List<String> names, String what, List<double[]> rows) {
    var out = new java.util.ArrayList<PairedComparison>();
    for (int r = 1; r < rows.size(); r++) {
      out.add(compare(names.get(0), names.get(r), what, rows.get(0), rows.get(r)));
    }
    return out;
  }
}
