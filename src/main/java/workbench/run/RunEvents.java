package workbench.run;

/**
 * Progress of runs, for whoever listens in this instance (a view while it is attached). A
 * listener must not block: views hand the event to {@code UI.access}. Runs may execute on another
 * instance of the deployment; listeners hear every event once, whichever node ran the job.
 */
public interface RunEvents {

  interface Listener {
    default void progressed(RunProgressed event) {}

    default void finished(RunFinished event) {}

    default void queueChanged() {}
  }

  /** Registers a listener; run the returned action to remove it. */
  Runnable listen(Listener listener);
}
