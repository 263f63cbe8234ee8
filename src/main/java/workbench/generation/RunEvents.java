package workbench.generation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Progress of runs, for whoever listens in this instance (a view while it is attached). A
 * listener must not block: views hand the event to {@code UI.access}.
 *
 * <p>Runs may execute on another instance of the deployment: what this instance publishes is
 * delivered here at once and sent to the others through PostgreSQL ({@link RunNotifications});
 * what the others publish arrives through {@link RunNotificationListener}. Listeners hear
 * every event once, whichever node ran the job.
 */
@Component
public class RunEvents {

  public interface Listener {
    default void progressed(RunProgressed event) {}

    default void finished(RunFinished event) {}

    default void queueChanged() {}
  }

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final RunNotifications others;

  RunEvents(RunNotifications others) {
    this.others = others;
  }

  /** Registers a listener; run the returned action to remove it. */
  public Runnable listen(Listener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void progressed(RunProgressed event) {
    deliver(event);
    others.progressed(event);
  }

  void finished(RunFinished event) {
    deliver(event);
    others.finished(event);
  }

  /**
   * Inside a transaction (a submit, a cancel) this node's listeners hear it after the commit:
   * views then read what was written, and a view's {@code UI.access}, which may run on this
   * very thread, never runs in the middle of another user's service call and transaction.
   */
  void queueChanged() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          deliverQueueChanged();
        }
      });
    } else {
      deliverQueueChanged();
    }
    others.queueChanged();
  }

  /** Events from this node, and those another node sent: to this node's listeners only. */
  void deliver(RunProgressed event) {
    each(l -> l.progressed(event));
  }

  void deliver(RunFinished event) {
    each(l -> l.finished(event));
  }

  void deliverQueueChanged() {
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

  /** For tests and diagnostics; with none, events from other nodes need not be read. */
  int listenerCount() {
    return listeners.size();
  }

}
