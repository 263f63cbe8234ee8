package workbench.generation;

import com.github.mvysny.kaributesting.v10.MockVaadin;

/**
 * Publishes run events as a worker does (through {@link RunEvents}' own package-private methods,
 * reached from this test class in the same package), then lets the mocked browser take the
 * pushed updates.
 */
public final class RunEventsProbe {

  private RunEventsProbe() {}

  public static void publish(RunEvents events, RunProgressed event) {
    events.progressed(event);
    MockVaadin.runUIQueue();
  }

  public static void publish(RunEvents events, RunFinished event) {
    events.finished(event);
    MockVaadin.runUIQueue();
  }
}
