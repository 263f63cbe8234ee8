package workbench.gallery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import workbench.loop.Recipe;
import workbench.loop.Schedule;
import workbench.loop.TermScores;
import workbench.run.Run;

/**
 * Side-by-side tables of two or more runs: one row per recipe field and one per term, each
 * value per run, and whether the values differ (what the compare page highlights).
 */
public final class RunComparison {

  private RunComparison() {}

  /** A row of a comparison: a field (or term) and its value in each run, in run order. */
  public record Row(String name, List<String> values, boolean differs) {
    public Row {
      values = List.copyOf(values);
    }

    static Row of(String name, List<String> values) {
      return new Row(name, values, values.stream().distinct().count() > 1);
    }
  }

  /** Every recipe field, in the order people read a recipe. */
  public static List<Row> recipes(List<Run> runs) {
    var rows = new ArrayList<Row>();
    rows.add(row(runs, "Prompt", Recipe::prompt));
    rows.add(row(runs, "Dialect", Recipe::dialect));
    rows.add(row(runs, "Terms", r -> r.terms().stream().map(t -> t.text() + " ×" + number(t.weight())).toList().toString()));
    rows.add(row(runs, "Seed", r -> Long.toString(r.seed())));
    rows.add(row(runs, "Steps", r -> Integer.toString(r.steps())));
    rows.add(row(runs, "Process", Recipe::process));
    rows.add(row(runs, "Size", r -> r.width() + " × " + r.height()));
    rows.add(row(runs, "Upscale", r -> r.upscale() + "×"));
    rows.add(row(runs, "Stages", r -> r.schedule().describe()));
    rows.add(row(runs, "Stop at score", r -> number(r.schedule().stopAtScore())));
    rows.add(row(runs, "Model", Recipe::modelId));
    rows.add(row(runs, "Weights", r -> r.weightsSha256().substring(0, Math.min(12, r.weightsSha256().length()))));
    rows.add(row(runs, "Device", Recipe::device));
    return rows;
  }

  /**
   * Final scores (0–100): the combined one, then every term that occurs in any run, by its
   * text; a run without that term shows "—".
   */
  public static List<Row> scores(List<Run> runs) {
    var rows = new ArrayList<Row>();
    rows.add(Row.of("Combined", runs.stream().map(r -> r.scoreFinal().map(RunComparison::number).orElse("—")).toList()));
    var terms = new LinkedHashSet<String>();
    runs.forEach(r -> r.terms().forEach(t -> terms.add(t.text())));
    for (var term : terms) {
      rows.add(Row.of(term, runs.stream()
          .map(r -> r.terms().stream().filter(t -> t.text().equals(term)).findFirst()
              .map(t -> number(t.score())).orElse("—"))
          .toList()));
    }
    return rows;
  }

  private static Row row(List<Run> runs, String name, Function<Recipe, String> value) {
    return Row.of(name, runs.stream().map(r -> value.apply(r.recipe())).toList());
  }

  static String number(double value) {
    return Schedule.number(value);
  }

  /** Display score of a term, for callers that format one score the same way. */
  public static String score(TermScores.TermScore term) {
    return number(term.score());
  }
}
