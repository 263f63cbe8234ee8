package workbench.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import workbench.node.NodeRole;

/**
 * The instances of the deployment and what each is doing, from their heartbeat rows, for
 * admins. A node is gone when it stopped, or when it has been silent as long as the queue
 * waits before handing a dead worker's job to another ({@code db-scheduler.heartbeat-interval}
 * × {@code db-scheduler.missed-heartbeats-limit}).
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class WorkerNodes {

  private final JdbcClient jdbc;
  private final Duration goneAfter;

  WorkerNodes(JdbcClient jdbc, @Value("${db-scheduler.heartbeat-interval:10s}") Duration heartbeat,
      @Value("${db-scheduler.missed-heartbeats-limit:6}") int missed) {
    this.jdbc = jdbc;
    this.goneAfter = heartbeat.multipliedBy(missed);
  }

  /** Live nodes first (workers before ui nodes), then the gone ones, each by name. */
  public List<WorkerNode> nodes() {
    record Row(String name, NodeRole role, String device, String modelId, int threads, List<UUID> running,
        java.time.Instant startedAt, java.time.Instant lastSeen, boolean gone) {}
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
      var running = r.gone() ? List.<String>of() : describe(r.running());
      nodes.add(new WorkerNode(r.name(), r.role(), r.device(), r.modelId(), r.threads(), running, r.startedAt(),
          r.lastSeen(), r.gone()));
    }
    return nodes;
  }

  /** A grid's cells as one entry ("grid 'Title': 4 cells"), other runs each by id and prompt. */
  private List<String> describe(List<UUID> runs) {
    if (runs.isEmpty()) {
      return List.of();
    }
    var grids = new LinkedHashMap<String, Integer>();
    var singles = new ArrayList<String>();
    jdbc.sql("""
        select r.id, r.prompt_text, e.title from run r
        left join experiment_cell c on c.run_id = r.id left join experiment e on e.id = c.experiment_id
        where r.id = any(:ids) order by e.title, r.created_at""")
        .param("ids", runs.toArray(UUID[]::new))
        .query((rs, n) -> {
          var title = rs.getString(3);
          if (title != null) {
            grids.merge("grid '" + title + "'", 1, Integer::sum);
          } else {
            var prompt = rs.getString(2);
            singles.add("run " + rs.getString(1).substring(0, 8) + " '"
                + (prompt.length() > 40 ? prompt.substring(0, 40) + "…" : prompt) + "'");
          }
          return 0;
        })
        .list();
    var out = new ArrayList<String>();
    grids.forEach((grid, cells) -> out.add(grid + ": " + cells + (cells == 1 ? " cell" : " cells")));
    out.addAll(singles);
    return out;
  }
}
