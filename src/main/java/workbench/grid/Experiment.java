package workbench.grid;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import workbench.account.Visibility;

/**
 * A stored experiment: its definition, when it was made, and who may see it: {@code owner}
 * is a user name (empty for grids made before accounts), {@code changeable} whether the
 * caller may run, cancel, edit or share it (owner or admin).
 */
public record Experiment(
    UUID id,
    ExperimentDefinition definition,
    Instant createdAt,
    String owner,
    Visibility visibility,
    List<String> sharedWith,
    boolean changeable) {

  public Experiment {
    sharedWith = List.copyOf(sharedWith);
  }

  /** An experiment as stored before accounts: no owner, seen by everyone. */
  public Experiment(UUID id, ExperimentDefinition definition, Instant createdAt) {
    this(id, definition, createdAt, "", Visibility.EVERYONE, List.of(), false);
  }
}
