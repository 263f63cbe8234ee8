package workbench.run;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * A module that gathers runs into something of its own (the grid module: a grid's cells)
 * answers here what the run module cannot know from its own tables. Implemented as a bean by
 * that module, so the run module asks without depending on it.
 */
public interface RunGrouping {

  /** Whether anyone may open this run's images without signing in (a cell of a public grid). */
  boolean openToEveryone(UUID run);

  /** For the runs that belong to a group of this kind, the group's label (e.g. "grid 'Title'"). */
  Map<UUID, String> labels(Collection<UUID> runs);
}
