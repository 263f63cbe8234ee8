package workbench.grid;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

/** Waiting for a grid's cells on the real workers, for the grid tests. */
final class GridRuns {

  private GridRuns() {}

  /**
   * The grid's result once every cell has finished (at most 4 minutes: cells run the real models).
   * Polled on the test's own thread: reading a grid needs the signed-in test user's context.
   */
  static ExperimentResult awaitDone(GridService grids, UUID id) {
    return await("grid " + id + " finished").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
        .pollInSameThread()
        .until(() -> grids.result(id), result -> result.finished() && !result.cells().isEmpty());
  }
}
