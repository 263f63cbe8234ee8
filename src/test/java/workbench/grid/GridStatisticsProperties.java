package workbench.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every statistic of a paired comparison against a reference formula written out here, over
 * random paired samples (ties and equal rank sums included): counting, exact binomial sums in
 * integers, and the Wilcoxon null distribution by enumerating every sign pattern. Plain JUnit
 * with a seeded generator (as {@code PromptParserProperties}: jqwik's author asks automated
 * coding agents not to use it).
 */
class GridStatisticsProperties {

  private static final long SEED = 20261202L;
  private static final int TRIES = 2000;

  @Test
  void everyStatisticMatchesItsReferenceFormula() {
    var random = new SplittableRandom(SEED);
    var outcomes = new TreeMap<String, Integer>();
    for (int t = 0; t < TRIES; t++) {
      double[][] pair = pairs(random);
      try {
        check(pair, outcomes);
      } catch (AssertionError e) {
        throw new AssertionError("try " + t + " of " + TRIES + " (seed " + SEED + "): baseline "
            + Arrays.toString(pair[0]) + ", variant " + Arrays.toString(pair[1]) + ": " + e.getMessage(), e);
      }
    }
    // The generator reaches both kinds of case, or the exact Wilcoxon check proves nothing.
    assertThat(outcomes).containsKeys("wilcoxon checked exactly", "ties: p only held to [0, 1]", "balanced");
  }

  private static void check(double[][] pair, TreeMap<String, Integer> outcomes) {
    double[] baseline = pair[0];
    double[] variant = pair[1];
    var c = GridStatistics.compare("A", "B", "combined", baseline, variant);
    int n = baseline.length;

    int wins = 0;
    int losses = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double d = variant[i] - baseline[i];
      sum += d;
      wins += d > GridStatistics.TIE_WITHIN ? 1 : 0;
      losses += d < -GridStatistics.TIE_WITHIN ? 1 : 0;
    }
    assertThat(c.wins()).isEqualTo(wins);
    assertThat(c.losses()).isEqualTo(losses);
    assertThat(c.ties()).isEqualTo(n - wins - losses);
    assertThat(c.meanDifference()).isCloseTo(sum / n, within(1e-9));
    assertThat(c.ci95Low()).isLessThanOrEqualTo(c.meanDifference() + 1e-12);
    assertThat(c.ci95High()).isGreaterThanOrEqualTo(c.meanDifference() - 1e-12);

    assertThat(c.signTestP()).isBetween(0.0, 1.0).isCloseTo(referenceSignP(wins, losses), within(1e-12));
    assertThat(c.wilcoxonP()).isBetween(0.0, 1.0);
    if (allDifferencesDistinctAndUntied(baseline, variant)) {
      assertThat(c.wilcoxonP()).isCloseTo(referenceWilcoxonP(baseline, variant), within(1e-12));
      outcomes.merge("wilcoxon checked exactly", 1, Integer::sum);
    } else {
      outcomes.merge("ties: p only held to [0, 1]", 1, Integer::sum);
    }
    outcomes.merge(wins == losses ? "balanced" : "unbalanced", 1, Integer::sum);
  }

  /** min(1, 2 · Σ_{i ≤ min(w, l)} C(n, i) / 2ⁿ), in integers. */
  static double referenceSignP(int wins, int losses) {
    int n = wins + losses;
    if (n == 0) {
      return 1;
    }
    var tail = BigInteger.ZERO;
    for (int i = 0; i <= Math.min(wins, losses); i++) {
      tail = tail.add(choose(n, i));
    }
    return Math.min(1, 2 * tail.doubleValue() / BigInteger.TWO.pow(n).doubleValue());
  }

  /** Ranks 1 … n of |d|; p = min(1, 2 · P(W ≥ max(W+, W−))) over all 2ⁿ sign patterns. */
  static double referenceWilcoxonP(double[] baseline, double[] variant) {
    int n = baseline.length;
    if (n < 2) {
      return 1;
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = variant[i] - baseline[i];
    }
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(Math.abs(d[a]), Math.abs(d[b])));
    int plus = 0;
    for (int r = 0; r < n; r++) {
      plus += d[order[r]] > 0 ? r + 1 : 0;
    }
    int total = n * (n + 1) / 2;
    int most = Math.max(plus, total - plus);
    long atLeast = 0;
    for (int signs = 0; signs < 1 << n; signs++) {
      int w = 0;
      for (int r = 0; r < n; r++) {
        w += (signs >> r & 1) == 1 ? r + 1 : 0;
      }
      atLeast += w >= most ? 1 : 0;
    }
    return Math.min(1, 2.0 * atLeast / (1 << n));
  }

  private static boolean allDifferencesDistinctAndUntied(double[] baseline, double[] variant) {
    var seen = new HashSet<Double>();
    for (int i = 0; i < baseline.length; i++) {
      double d = Math.abs(variant[i] - baseline[i]);
      if (d <= GridStatistics.TIE_WITHIN || !seen.add(d)) {
        return false;
      }
    }
    return true;
  }

  private static BigInteger choose(int n, int k) {
    var result = BigInteger.ONE;
    for (int i = 0; i < k; i++) {
      result = result.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    return result;
  }

  /** Up to 14 seeds; scores on a coarse grid so that ties and equal rank sums are common. */
  private static double[][] pairs(SplittableRandom random) {
    int n = 1 + random.nextInt(14);
    double[][] pair = new double[2][n];
    for (double[] side : pair) {
      for (int i = 0; i < n; i++) {
        side[i] = random.nextInt(41) * 2.5;
      }
    }
    return pair;
  }
}
