package workbench.generation.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import java.lang.reflect.InvocationTargetException;
import workbench.generation.RunEvents;
import workbench.generation.RunFinished;
import workbench.generation.RunProgressed;

/**
 * Publishes run events as a worker would (the publishing methods are the generation
 * package's own), then lets the mocked browser take the pushed updates.
 */
final class RunEventsProbe {

  private RunEventsProbe() {}

  static void publish(RunEvents events, RunProgressed event) {
    call(events, "progressed", RunProgressed.class, event);
  }

  static void publish(RunEvents events, RunFinished event) {
    call(events, "finished", RunFinished.class, event);
  }

  private static <T> void call(RunEvents events, String method, Class<T> type, T event) {
    try {
      var m = RunEvents.class.getDeclaredMethod(method, type);
      m.setAccessible(true);
      m.invoke(events, event);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    }
    MockVaadin.runUIQueue();
  }
}
