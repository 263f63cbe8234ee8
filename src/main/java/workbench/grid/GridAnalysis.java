package workbench.grid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Summaries and paired comparisons from a grid's finished cells. */
final class GridAnalysis {

  private GridAnalysis() {}

  static List<ExperimentResult.VariantSummary> summaries(ExperimentResult result) {
    var d = result.experiment().definition();
    var out = new ArrayList<ExperimentResult.VariantSummary>();
    for (int a = 0; a < d.axis().size(); a++) {
      for (int r = 0; r < d.variants().size(); r++) {
        var done = done(result, r, a);
        if (done.isEmpty()) {
          continue;
        }
        var combined = done.stream().mapToDouble(c -> c.combined().orElse(0.0)).toArray();
        var terms = new LinkedHashMap<String, GridStatistics.Summary>();
        for (var term : result.terms()) {
          var values = done.stream().filter(c -> c.termScores().containsKey(term))
              .mapToDouble(c -> c.termScores().get(term)).toArray();
          if (values.length > 0) {
            terms.put(term, GridStatistics.summary(values));
          }
        }
        out.add(new ExperimentResult.VariantSummary(r, a, GridStatistics.summary(combined), terms));
      }
    }
    return out;
  }

  /**
   * Each variant against the baseline row on the seeds both have finished, for the combined
   * score and for every term the two rows share.
   */
  static List<PairedComparison> comparisons(ExperimentResult result) {
    var d = result.experiment().definition();
    var out = new ArrayList<PairedComparison>();
    for (int a = 0; a < d.axis().size(); a++) {
      var suffix = d.axis().size() > 1 ? " (" + d.axis().label(a) + ")" : "";
      for (int r = 1; r < d.variants().size(); r++) {
        var base = new ArrayList<ExperimentResult.Cell>();
        var variant = new ArrayList<ExperimentResult.Cell>();
        for (int s = 0; s < d.seeds().size(); s++) {
          var b = result.cell(0, s, a).filter(ExperimentResult.Cell::done);
          var v = result.cell(r, s, a).filter(ExperimentResult.Cell::done);
          if (b.isPresent() && v.isPresent()) {
            base.add(b.get());
            variant.add(v.get());
          }
        }
        if (base.isEmpty()) {
          continue;
        }
        var baseName = d.variants().get(0).label() + suffix;
        var variantName = d.variants().get(r).label() + suffix;
        out.add(GridStatistics.compare(baseName, variantName, "combined",
            base.stream().mapToDouble(c -> c.combined().orElse(0.0)).toArray(),
            variant.stream().mapToDouble(c -> c.combined().orElse(0.0)).toArray()));
        for (var term : result.terms()) {
          boolean shared = base.stream().allMatch(c -> c.termScores().containsKey(term))
              && variant.stream().allMatch(c -> c.termScores().containsKey(term));
          if (shared) {
            out.add(GridStatistics.compare(baseName, variantName, term,
                base.stream().mapToDouble(c -> c.termScores().get(term)).toArray(),
                variant.stream().mapToDouble(c -> c.termScores().get(term)).toArray()));
          }
        }
      }
    }
    return out;
  }

  private static List<ExperimentResult.Cell> done(ExperimentResult result, int row, int axis) {
    return result.cells().stream()
        .filter(c -> c.row() == row && c.axisIndex() == axis && c.done())
        .toList();
  }
}
