package workbench.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Krippendorff's alpha by the coincidence matrix of "Computing Krippendorff's
 * Alpha-Reliability" (Krippendorff 2011): any number of coders, missing values, nominal,
 * ordinal or interval distances. No well-kept Java library computes it (commons-math3 and
 * hipparchus have none), so it is written here and tested against the paper's examples.
 */
public final class KrippendorffAlpha {

  /** How far apart two values are. */
  public enum Metric {
    NOMINAL,
    ORDINAL,
    INTERVAL;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The coefficient and what went into it: {@code pairable} values are those in units with at
   * least two values; {@code alpha} is NaN when there is no disagreement to expect (every
   * pairable value the same) or fewer than two pairable values.
   */
  public record Result(
      @io.swagger.v3.oas.annotations.media.Schema(nullable = true,
          description = "Krippendorff's alpha; null (NaN here) when agreement cannot be measured") double alpha,
      Metric metric, int units, int pairable) {

    /** Krippendorff's own reading of the figure (2004, §11.4). */
    public String interpretation() {
      if (Double.isNaN(alpha)) {
        return pairable < 2
            ? "Agreement cannot be measured yet: no item has answers from two reviewers."
            : "Agreement cannot be measured: every answer was the same, so agreement cannot be told from chance.";
      }
      var figure = String.format(Locale.ROOT, "α = %.3f (%s, %d items, %d answers)", alpha, metric.id(), units, pairable);
      if (alpha >= 0.800) {
        return figure + ": reviewers agree reliably; conclusions can rest on their answers.";
      }
      if (alpha >= 0.667) {
        return figure + ": reviewers agree only moderately; draw tentative conclusions at most.";
      }
      if (alpha > 0) {
        return figure + ": reviewers do not agree reliably; treat the ratings as opinions, not data.";
      }
      return figure + ": reviewers agree no better than chance; the question may be unclear.";
    }
  }

  private KrippendorffAlpha() {}

  /**
   * {@code data[unit][coder]}: a value, or null where that coder gave none. Units with fewer
   * than two values cannot be paired and drop out, as in the paper.
   */
  public static Result of(@Nullable Double[][] data, Metric metric) {
    var values = new TreeMap<Double, Integer>();
    var units = new ArrayList<List<Double>>();
    for (var unit : data) {
      var present = new ArrayList<Double>();
      for (var v : unit) {
        if (v != null && !v.isNaN()) {
          present.add(v);
        }
      }
      if (present.size() >= 2) {
        units.add(present);
        present.forEach(v -> values.putIfAbsent(v, 0));
      }
    }
    int k = 0;
    for (var key : values.keySet()) {
      values.put(key, k++);
    }
    var sorted = values.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    var o = new double[k][k];
    int pairable = 0;
    for (var unit : units) {
      int m = unit.size();
      pairable += m;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          if (i != j) {
            o[values.get(unit.get(i))][values.get(unit.get(j))] += 1.0 / (m - 1);
          }
        }
      }
    }
    var nc = new double[k];
    double n = 0;
    for (int c = 0; c < k; c++) {
      for (int d = 0; d < k; d++) {
        nc[c] += o[c][d];
      }
      n += nc[c];
    }
    double observed = 0;
    double expected = 0;
    for (int c = 0; c < k; c++) {
      for (int d = 0; d < k; d++) {
        double delta = delta(metric, c, d, sorted, nc);
        observed += o[c][d] * delta;
        expected += nc[c] * nc[d] * delta;
      }
    }
    double alpha = expected == 0 ? Double.NaN : 1 - (n - 1) * observed / expected;
    return new Result(alpha, metric, units.size(), pairable);
  }

  /** The squared distance δ² between the c-th and d-th smallest values. */
  private static double delta(Metric metric, int c, int d, double[] values, double[] nc) {
    if (c == d) {
      return 0;
    }
    return switch (metric) {
      case NOMINAL -> 1;
      case INTERVAL -> (values[c] - values[d]) * (values[c] - values[d]);
      case ORDINAL -> {
        int lo = Math.min(c, d);
        int hi = Math.max(c, d);
        double sum = 0;
        for (int g = lo; g <= hi; g++) {
          sum += nc[g];
        }
        double x = sum - (nc[lo] + nc[hi]) / 2;
        yield x * x;
      }
    };
  }
}
