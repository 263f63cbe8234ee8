package workbench.run;

/** Where a run is: waiting in the queue, in the loop, or finished one way or another. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  DONE,
  FAILED,
  CANCELLED;

  public boolean finished() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }
}
