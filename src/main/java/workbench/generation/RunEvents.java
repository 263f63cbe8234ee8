package workbench.generation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Progress of runs in this instance, for whoever listens (a view while it is attached). A
 * listener must not block: views hand the event to {@code UI.access}.
 */
@Component
public class RunEvents {

  public interface Listener {
    default void progressed(RunProgressed event) {}

    default void finished(RunFinished event) {}

    default void queueChanged() {}
  }

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /** Registers a listener; run the returned action to remove it. */
  public Runnable listen(Listener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void progressed(RunProgressed event) {
    each(l -> l.progressed(event));
  }

  void finished(RunFinished event) {
    each(l -> l.finished(event));
  }

  void queueChanged() {
    each(Listener::queueChanged);
  }

  private void each(Consumer<Listener> action) {
    for (var l : listeners) {
      try {
        action.accept(l);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(RunEvents.class).warn("a run listener failed", e);
      }
    }
  }

  /** For tests and diagnostics. */
  int listenerCount() {
    return listeners.size();
  }

}
