package workbench.node;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The instances of the deployment and what each is doing, from their heartbeat rows, for
 * admins; what each runs is described by the module that runs it ({@link NodeWork}). A node is gone when it stopped, or when it has been silent as long as the queue
 * waits before handing a dead worker's job to another ({@code db-scheduler.heartbeat-interval}
 * × {@code db-scheduler.missed-heartbeats-limit}).
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class WorkerNodes {

  private final JdbcClient jdbc;
  private final NodeWork runs;
  private final Duration goneAfter;

  WorkerNodes(JdbcClient jdbc, NodeWork runs, @Value("${db-scheduler.heartbeat-interval:10s}") Duration heartbeat,
      @Value("${db-scheduler.missed-heartbeats-limit:6}") int missed) {
    this.jdbc = jdbc;
    this.runs = runs;
    this.goneAfter = heartbeat.multipliedBy(missed);
  }

  /** Live nodes first (workers before ui nodes), then the gone ones, each by name. */
  public List<WorkerNode> nodes() {
    record Row(String name, NodeRole role, String device, String modelId, int threads, List<UUID> running,
        Instant startedAt, Instant lastSeen, boolean gone) {}
    var rows = jdbc.sql("""
        select name, role, device, model_id, threads, running, started_at, last_seen,
               stopped or last_seen < now() - :gone * interval '1 millisecond' as gone
        from worker_node order by gone, role desc, name""")
        .param("gone", goneAfter.toMillis())
        .query((rs, n) -> new Row(rs.getString("name"), NodeRole.valueOf(rs.getString("role")), rs.getString("device"),
            rs.getString("model_id"), rs.getInt("threads"),
            Arrays.stream((Object[]) rs.getArray("running").getArray()).map(o -> (UUID) o).toList(),
            rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("last_seen").toInstant(), rs.getBoolean("gone")))
        .list();
    var nodes = new ArrayList<WorkerNode>();
    for (var r : rows) {
      var running = r.gone() ? List.<String>of() : runs.describe(r.running());
      nodes.add(new WorkerNode(r.name(), r.role(), r.device(), r.modelId(), r.threads(), running, r.startedAt(),
          r.lastSeen(), r.gone()));
    }
    return nodes;
  }
}
