package workbench.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbench.review.KrippendorffAlpha.Metric;

/**
 * Krippendorff's alpha and Bradley–Terry against published worked examples, kept with their
 * sources in src/test/resources/review/.
 */
class ReviewStatisticsReferenceTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"NOMINAL, 0.743", "ORDINAL, 0.815", "INTERVAL, 0.849"})
  void alphaMatchesKrippendorffsReliabilityDataWithMissingValues(Metric metric, double published) throws IOException {
    var result = KrippendorffAlpha.of(krippendorffExample(), metric);
    assertThat(result.alpha()).isCloseTo(published, within(0.0005));
    // Unit 12 has one value (unpairable) and drops out; 40 values are pairable.
    assertThat(result.units()).isEqualTo(11);
    assertThat(result.pairable()).isEqualTo(40);
  }

  @Test
  void alphaMatchesKrippendorffsBinaryTwoObserverExample() {
    // Section A of the same paper: two observers, ten units, nominal; alpha = 0.095.
    int[] a = {0, 1, 0, 0, 0, 0, 0, 0, 1, 0};
    int[] b = {1, 1, 1, 0, 0, 1, 0, 0, 0, 0};
    var data = new Double[10][];
    for (int u = 0; u < 10; u++) {
      data[u] = new Double[] {(double) a[u], (double) b[u]};
    }
    assertThat(KrippendorffAlpha.of(data, Metric.NOMINAL).alpha()).isCloseTo(0.095, within(0.0005));
  }

  @Test
  void alphaSaysInWordsHowFarToTrustTheAnswers() {
    var perfect = new Double[][] {{1.0, 1.0}, {2.0, 2.0}, {1.0, 1.0}};
    assertThat(KrippendorffAlpha.of(perfect, Metric.NOMINAL).alpha()).isEqualTo(1.0);
    assertThat(KrippendorffAlpha.of(perfect, Metric.NOMINAL).interpretation()).contains("agree reliably");
    var same = new Double[][] {{1.0, 1.0}, {1.0, 1.0}};
    assertThat(KrippendorffAlpha.of(same, Metric.NOMINAL).alpha()).isNaN();
    assertThat(KrippendorffAlpha.of(same, Metric.NOMINAL).interpretation()).contains("every answer was the same");
    var lonely = new Double[][] {{1.0, null}, {null, 2.0}};
    assertThat(KrippendorffAlpha.of(lonely, Metric.ORDINAL).interpretation()).contains("no item has answers from two");
    var opposite = new Double[][] {{1.0, 2.0}, {2.0, 1.0}, {1.0, 2.0}, {2.0, 1.0}};
    assertThat(KrippendorffAlpha.of(opposite, Metric.NOMINAL).interpretation()).contains("no better than chance");
  }

  @Test
  void bradleyTerryMatchesAgrestisBaseballTable() throws IOException {
    var teams = new ArrayList<String>();
    var games = new ArrayList<String[]>();
    for (var line : lines("agresti-baseball-1987.csv")) {
      var f = line.split(",");
      games.add(f);
      for (int t = 0; t < 2; t++) {
        if (!teams.contains(f[t])) {
          teams.add(f[t]);
        }
      }
    }
    var wins = new double[teams.size()][teams.size()];
    for (var g : games) {
      int home = teams.indexOf(g[0]);
      int away = teams.indexOf(g[1]);
      wins[home][away] += Double.parseDouble(g[2]);
      wins[away][home] += Double.parseDouble(g[3]);
    }
    var p = BradleyTerry.strengths(wins);
    assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-9));
    var published = new LinkedHashMap<String, Double>();
    published.put("Milwaukee", 1.58);
    published.put("Detroit", 1.44);
    published.put("Toronto", 1.29);
    published.put("New York", 1.25);
    published.put("Boston", 1.11);
    published.put("Cleveland", 0.68);
    double baltimore = Math.log(p[teams.indexOf("Baltimore")]);
    published.forEach((team, logAbility) ->
        assertThat(Math.log(p[teams.indexOf(team)]) - baltimore).as(team).isCloseTo(logAbility, within(0.005)));
  }

  static Double[][] krippendorffExample() throws IOException {
    var rows = lines("krippendorff-2011-reliability-data.csv").stream().map(l -> l.split(",")).toList();
    int units = rows.get(0).length - 1;
    var data = new Double[units][rows.size()];
    for (int c = 0; c < rows.size(); c++) {
      for (int u = 0; u < units; u++) {
        var v = rows.get(c)[u + 1];
        data[u][c] = v.equals(".") ? null : Double.valueOf(v);
      }
    }
    return data;
  }

  static List<String> lines(String resource) throws IOException {
    try (var in = ReviewStatisticsReferenceTest.class.getResourceAsStream("/review/" + resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
  }
}
