package workbench.grid;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import workbench.run.RunStatus;

/**
 * An experiment with what its cells made so far: scores per cell (0–100), per-term heatmap
 * values, per-variant summaries and the paired comparisons against the baseline row.
 */
public record ExperimentResult(
    Experiment experiment,
    List<Cell> cells,
    List<String> terms,
    List<VariantSummary> summaries,
    List<PairedComparison> comparisons) {

  public ExperimentResult {
    cells = List.copyOf(cells);
    terms = List.copyOf(terms);
    summaries = List.copyOf(summaries);
    comparisons = List.copyOf(comparisons);
  }

  /** One cell: its place, its run (empty before it is queued) and, once done, its scores. */
  public record Cell(
      int row,
      int seedIndex,
      int axisIndex,
      long seed,
      Optional<UUID> runId,
      Optional<RunStatus> status,
      Optional<Double> combined,
      Map<String, Double> termScores) {

    public Cell {
      termScores = Map.copyOf(termScores);
    }

    public boolean done() {
      return status.filter(s -> s == RunStatus.DONE).isPresent();
    }
  }

  /** Mean ± sd of a row's combined score and of each of its terms, for one third-axis value. */
  public record VariantSummary(
      int row, int axisIndex, GridStatistics.Summary combined, Map<String, GridStatistics.Summary> terms) {
    public VariantSummary {
      terms = Map.copyOf(terms);
    }
  }

  public int done() {
    return (int) cells.stream().filter(Cell::done).count();
  }

  public Optional<Cell> cell(int row, int seedIndex, int axisIndex) {
    return cells.stream()
        .filter(c -> c.row() == row && c.seedIndex() == seedIndex && c.axisIndex() == axisIndex)
        .findFirst();
  }

  public boolean finished() {
    return cells.stream().allMatch(c -> c.status().filter(RunStatus::finished).isPresent());
  }
}
