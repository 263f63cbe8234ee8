package workbench.run.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import workbench.shared.DaemonThreads;

/**
 * This node's one listening connection: turns what other nodes publish (a run's steps, its
 * end, a change in the queue) into {@link RunEventHub} calls here, so a page follows a run
 * whichever worker runs it. A job queued on another node (a {@code ui} node's, say) also
 * wakes this node's queue at once instead of at its next poll. Reconnects after losing the
 * database; events sent meanwhile are lost, which pages make up for by reading the database
 * when they attach.
 */
@Component
public class RunNotificationListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunNotificationListener.class);
  private static final int WAIT_MILLIS = 250;
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final DataSource dataSource;
  private final RunNotifications notifications;
  private final RunEventHub events;
  private final ObjectProvider<Scheduler> queue;
  private volatile boolean running;
  private volatile Thread thread;

  RunNotificationListener(DataSource dataSource, RunNotifications notifications, RunEventHub events,
      ObjectProvider<Scheduler> queue) {
    this.dataSource = dataSource;
    this.notifications = notifications;
    this.events = events;
    this.queue = queue;
  }

  @Override
  public void start() {
    running = true;
    thread = DaemonThreads.of("run-events-listener", this::listen);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    var t = thread;
    if (t != null) {
      // Wakes it from waiting for a pooled connection, which takes 30 s when the database is gone.
      t.interrupt();
      try {
        t.join(RETRY.toMillis() + WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void listen() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (var statement = connection.createStatement()) {
          statement.execute("listen " + RunNotifications.CHANNEL);
        }
        var pg = connection.unwrap(PGConnection.class);
        while (running) {
          var received = pg.getNotifications(WAIT_MILLIS);
          if (received == null) {
            continue;
          }
          for (var notification : received) {
            notifications.read(notification.getParameter(), events.listenerCount() > 0).ifPresent(this::deliver);
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          log.warn("Lost the run events connection ({}); listening again in {} s", e.getMessage(), RETRY.toSeconds());
          sleep();
        }
      }
    }
  }

  private void deliver(RunNotifications.Event event) {
    if (event instanceof RunNotifications.Event.Progressed p) {
      events.deliver(p.event());
    } else if (event instanceof RunNotifications.Event.Finished f) {
      events.deliver(f.event());
    } else {
      events.deliverQueueChanged();
      // A paused queue (a ui node's) stays paused: this only makes a running one look now.
      queue.ifAvailable(Scheduler::triggerCheckForDueExecutions);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
