package workbench.node;

/**
 * What one instance of a team deployment does ({@code workbench.role}). Any number of
 * instances share one PostgreSQL: its job queue hands each job to exactly one worker.
 */
public enum NodeRole {
  /** Serves the browser and runs jobs: the one-machine set-up. */
  ALL,
  /** Serves the browser and queues jobs; runs none. */
  UI,
  /** Runs jobs; serves no pages, only {@code /actuator/health}. */
  WORKER;

  public boolean servesUi() {
    return this != WORKER;
  }

  public boolean runsJobs() {
    return this != UI;
  }
}
