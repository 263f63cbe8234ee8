package workbench.run.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import workbench.run.RunEvents;
import workbench.run.RunFinished;
import workbench.run.RunProgressed;

/**
 * The one {@link RunEvents} of this node, and how workers publish to it. What this node publishes
 * is delivered here at once and sent to the others through PostgreSQL ({@link RunNotifications});
 * what the others publish arrives through {@link RunNotificationListener}. Listeners hear every
 * event once, whichever node ran the job.
 */
@Component
public class RunEventHub implements RunEvents {

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final RunNotifications others;

  RunEventHub(RunNotifications others) {
    this.others = others;
  }

  @Override
  public Runnable listen(Listener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public void progressed(RunProgressed event) {
    deliver(event);
    others.progressed(event);
  }

  public void finished(RunFinished event) {
    deliver(event);
    others.finished(event);
  }

  /**
   * Inside a transaction (a submit, a cancel) this node's listeners hear it after the commit:
   * views then read what was written, and a view's {@code UI.access}, which may run on this
   * very thread, never runs in the middle of another user's service call and transaction.
   */
  public void queueChanged() {
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
  public void deliver(RunProgressed event) {
    each(l -> l.progressed(event));
  }

  public void deliver(RunFinished event) {
    each(l -> l.finished(event));
  }

  public void deliverQueueChanged() {
    each(Listener::queueChanged);
  }

  private void each(Consumer<Listener> action) {
    for (var l : listeners) {
      try {
        action.accept(l);
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(RunEventHub.class).warn("a run listener failed", e);
      }
    }
  }

  /** For tests and diagnostics; with none, events from other nodes need not be read. */
  public int listenerCount() {
    return listeners.size();
  }

}
