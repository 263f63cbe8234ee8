package workbench.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

/** Statistics against values worked out by hand for small cases, and against SciPy's. */
class GridStatisticsTest {

  @Test
  void aOneOneTieHasPOneNotOneAndAHalf() {
    // Issue 19: commons-math3's two-sided BinomialTest said 1.5 here.
    var c = GridStatistics.compare("A", "B", "combined", new double[] {50, 50}, new double[] {51, 48.5});
    assertThat(c.signTestP()).isEqualTo(1.0);
    assertThat(c.wilcoxonP()).isBetween(0.0, 1.0);
    assertThat(c.verdict()).contains("(p = 1.00)");
  }

  @Test
  void aTwoTwoTieWithEqualRankSumsHasWilcoxonPAtMostOne() {
    // Ranks 1 2 3 4 with signs + − − +: W+ = W− = 5, where doubling P(W ≥ 5) gives 1.27.
    var c = GridStatistics.compare("A", "B", "combined", new double[] {0, 0, 0, 0}, new double[] {1, -2, -3, 4});
    assertThat(c.signTestP()).isEqualTo(1.0);
    assertThat(c.wilcoxonP()).isEqualTo(1.0);
  }

  /** {@code statistics/scipy-reference.csv}: its header says how SciPy made each value. */
  @Test
  void pValuesAgreeWithScipy() throws IOException {
    var in = getClass().getResourceAsStream("/statistics/scipy-reference.csv");
    assertThat(in).isNotNull();
    var format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get();
    int rows = 0;
    try (var parser = format.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (var row : parser) {
        var baseline = numbers(row.get("baseline"));
        var variant = numbers(row.get("variant"));
        var c = GridStatistics.compare("A", "B", "combined", baseline, variant);
        var where = "row " + row.getRecordNumber() + " of scipy-reference.csv";
        assertThat(c.wins()).as(where).isEqualTo(Integer.parseInt(row.get("wins")));
        assertThat(c.losses()).as(where).isEqualTo(Integer.parseInt(row.get("losses")));
        assertThat(c.signTestP()).as(where).isCloseTo(Double.parseDouble(row.get("sign_p")), within(1e-12));
        assertThat(c.wilcoxonP()).as(where).isCloseTo(Double.parseDouble(row.get("wilcoxon_p")), within(1e-12));
        rows++;
      }
    }
    assertThat(rows).isEqualTo(40);
  }

  private static double[] numbers(String cell) {
    return Arrays.stream(cell.split(";")).mapToDouble(Double::parseDouble).toArray();
  }

  @Test
  void sevenWinsOfEightIsSuggestiveNotConclusive() {
    double[] a = {30, 31, 29, 35, 28, 33, 30, 32};
    double[] b = {34, 33, 33, 36, 30, 35, 35, 31};
    var c = GridStatistics.compare("A", "B", "hand", a, b);
    assertThat(c.wins()).isEqualTo(7);
    assertThat(c.losses()).isEqualTo(1);
    assertThat(c.ties()).isZero();
    // Sign test: P(X ≤ 1 or X ≥ 7 | n = 8, ½) = 2 · (C(8,0) + C(8,1)) / 256 = 18/256.
    assertThat(c.signTestP()).isCloseTo(18.0 / 256, within(1e-9));
    // Differences 4 2 4 1 2 2 5 −1: mean 19/8.
    assertThat(c.meanDifference()).isCloseTo(2.375, within(1e-9));
    assertThat(c.verdict()).isEqualTo("B beats A on 7 of 8 seeds for 'hand' (p = 0.07): suggestive, not conclusive — add seeds.");
  }

  @Test
  void confidenceIntervalUsesStudentsT() {
    double[] a = {0, 0, 0};
    double[] b = {1, 2, 3};
    var c = GridStatistics.compare("A", "B", "combined", a, b);
    // mean 2, sd 1, n 3: t(0.975, 2) = 4.302653; half width = 4.302653 / √3 = 2.484138.
    assertThat(c.ci95Low()).isCloseTo(2 - 2.484138, within(1e-5));
    assertThat(c.ci95High()).isCloseTo(2 + 2.484138, within(1e-5));
    assertThat(c.verdict()).contains("too few seeds");
  }

  @Test
  void wilcoxonExactPValueForAllPositive() {
    double[] a = {1, 1, 1, 1, 1, 1};
    double[] b = {2, 3, 4, 5, 6, 7};
    var c = GridStatistics.compare("A", "B", "combined", a, b);
    // All six ranks positive: exact two-sided p = 2 / 2^6 = 0.03125.
    assertThat(c.wilcoxonP()).isCloseTo(0.03125, within(1e-9));
    assertThat(c.signTestP()).isCloseTo(0.03125, within(1e-9));
    assertThat(c.verdict()).isEqualTo("B beats A on 6 of 6 seeds overall (p = 0.03): likely a real difference; more seeds would make it firm.");
  }

  @Test
  void tinyDifferencesAreTies() {
    double[] a = {50, 50, 50, 50};
    double[] b = {50.01, 49.99, 50, 50.02};
    var c = GridStatistics.compare("A", "B", "combined", a, b);
    assertThat(c.ties()).isEqualTo(4);
    assertThat(c.signTestP()).isEqualTo(1.0);
    assertThat(c.verdict()).startsWith("B and A tie overall");
  }

  @Test
  void baselineWinningIsSaidThatWay() {
    double[] a = {40, 41, 42, 43, 44, 45, 46, 47, 48, 49};
    double[] b = {30, 31, 32, 33, 34, 35, 36, 37, 38, 39};
    var c = GridStatistics.compare("A", "B", "combined", a, b);
    assertThat(c.losses()).isEqualTo(10);
    assertThat(c.verdict()).isEqualTo("A beats B on 10 of 10 seeds overall (p = 0.002): a clear difference across seeds.");
  }

  @Test
  void summaryIsMeanAndSampleSd() {
    var s = GridStatistics.summary(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
    assertThat(s.mean()).isEqualTo(5.0);
    assertThat(s.sd()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
  }
}
