package workbench.run.internal;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import workbench.run.RunFinished;
import workbench.run.RunProgressed;

/**
 * Publishes run events as a worker does (through {@link RunEventHub}, the module's internal publisher), then lets the mocked browser take the
 * pushed updates.
 */
public final class RunEventsProbe {

  private RunEventsProbe() {}

  public static void publish(RunEventHub events, RunProgressed event) {
    events.progressed(event);
    MockVaadin.runUIQueue();
  }

  public static void publish(RunEventHub events, RunFinished event) {
    events.finished(event);
    MockVaadin.runUIQueue();
  }
}
