package workbench.generation;

import java.util.Comparator;
import java.util.List;

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

  public boolean confidentAt(double combinedScore) {
    return stopAtScore > 0 && combinedScore >= stopAtScore;
  }
}
