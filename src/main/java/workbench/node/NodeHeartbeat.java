package workbench.node;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import workbench.shared.DaemonThreads;

/**
 * This instance's row in {@code worker_node}, written at the queue's heartbeat interval
 * ({@code db-scheduler.heartbeat-interval}): role, device, models, threads and the runs it is
 * executing. A worker loads its models at start, so that its first job does not wait and the
 * Admin page shows its device at once. A clean stop marks the row stopped; a killed node's row
 * simply stops changing.
 */
@Component
class NodeHeartbeat implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);
  private static final Duration STOP_WRITE_LIMIT = Duration.ofSeconds(3);

  private final JdbcClient jdbc;
  private final NodeRole role;
  private final NodeWork worker;
  private final Duration interval;
  private volatile ScheduledExecutorService timer;
  private volatile boolean started; // the first beat of this start resets started_at

  NodeHeartbeat(JdbcClient jdbc, WorkbenchSettings settings, NodeWork worker,
      @Value("${db-scheduler.heartbeat-interval:10s}") Duration interval) {
    this.jdbc = jdbc;
    this.role = settings.role();
    this.worker = worker;
    this.interval = interval;
  }

  @Override
  public void start() {
    started = false;
    timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("node-heartbeat"));
    timer.execute(this::beat);
    if (role == NodeRole.WORKER) {
      timer.execute(() -> {
        worker.loadModels();
        beat();
      });
    }
    timer.scheduleWithFixedDelay(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    var t = timer;
    if (t == null) {
      return;
    }
    t.shutdownNow();
    try {
      t.awaitTermination(5, TimeUnit.SECONDS);
      // Best effort and bounded: when the database is already gone, waiting for a pooled
      // connection (30 s) would hold up the whole shutdown; the row then just goes stale.
      CompletableFuture.runAsync(() -> jdbc.sql(
              "update worker_node set stopped = true, running = '{}', last_seen = now() where name = ?")
          .params(worker.name()).update())
          .get(STOP_WRITE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.warn("Could not mark node {} stopped: {}", worker.name(), e.getMessage());
    }
    timer = null;
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }

  void beat() {
    try {
      jdbc.sql("""
          insert into worker_node (name, role, device, model_id, threads, running, started_at, last_seen, stopped)
          values (:name, :role, :device, :model, :threads, :running, now(), now(), false)
          on conflict (name) do update set role = excluded.role, device = excluded.device, model_id = excluded.model_id,
              threads = excluded.threads, running = excluded.running, last_seen = now(), stopped = false,
              started_at = case when :fresh then now() else worker_node.started_at end""")
          .param("name", worker.name())
          .param("role", role.name())
          .param("device", worker.device())
          .param("model", worker.modelId())
          .param("threads", role.runsJobs() ? worker.threads() : 0)
          .param("running", worker.running().toArray(UUID[]::new))
          .param("fresh", !started)
          .update();
      started = true;
    } catch (RuntimeException e) {
      log.warn("Heartbeat of node {} not written: {}", worker.name(), e.getMessage());
    }
  }
}
