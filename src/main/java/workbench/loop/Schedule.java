package workbench.loop;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The loop: how many steps, the stages whose settings change as it goes, and the score at
 * which the check output is confident enough to stop early (0 = never stop early).
 */
public record Schedule(int steps, List<Stage> stages, double stopAtScore) {

  public Schedule {
    stages = RecipeParts.entries("schedule.stages", stages).stream().sorted(Comparator.comparingInt(Stage::fromStep)).toList();
    if (stages.isEmpty() || stages.get(0).fromStep() != 0) {
      throw new IllegalArgumentException("a schedule's first stage starts at step 0");
    }
  }

  /** The stage in force at {@code step} (1-based steps; step 0 is the static). */
  public Stage stageAt(int step) {
    Stage current = stages.get(0);
    for (Stage stage : stages) {
      if (stage.fromStep() <= step) {
        current = stage;
      }
    }
    return current;
  }

  /** This schedule with {@code settings} replacing or adding those of each of its stages. */
  public Schedule with(Map<String, Double> settings) {
    if (settings.isEmpty()) {
      return this;
    }
    var merged = stages.stream().map(stage -> {
      var values = new LinkedHashMap<>(stage.settings());
      values.putAll(settings);
      return new Stage(stage.fromStep(), values);
    }).toList();
    return new Schedule(steps, merged, stopAtScore);
  }

  public boolean confidentAt(double combinedScore) {
    return stopAtScore > 0 && combinedScore >= stopAtScore;
  }

  /** The stages as people read them: "from step 0: cutouts 4, rate 0.05; from step 20: …". */
  public String describe() {
    return stages.stream()
        .map(stage -> "from step " + stage.fromStep() + (stage.settings().isEmpty() ? "" : ": ")
            + stage.settings().entrySet().stream().map(e -> e.getKey() + " " + number(e.getValue()))
                .collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; "));
  }

  /** Whole numbers without a point, others to two places. */
  public static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
