package workbench.grid;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import workbench.run.RunGrouping;

/** What the grid module knows of runs: which are cells of a public grid, and of which grid each is a cell. */
@Component
class GridRunGrouping implements RunGrouping {

  private final JdbcClient jdbc;

  GridRunGrouping(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A cell of a public grid: its permalink opens without sign-in, images included. */
  @Override
  public boolean openToEveryone(UUID run) {
    return jdbc.sql("""
        select count(*) from experiment_cell c join experiment e on e.id = c.experiment_id
        where c.run_id = ? and e.visibility = 'PUBLIC'""").params(run).query(Long.class).single() > 0;
  }

  @Override
  public Map<UUID, String> labels(Collection<UUID> runs) {
    var out = new HashMap<UUID, String>();
    if (runs.isEmpty()) {
      return out;
    }
    jdbc.sql("""
        select c.run_id, e.title from experiment_cell c join experiment e on e.id = c.experiment_id
        where c.run_id = any(:ids)""")
        .param("ids", runs.toArray(UUID[]::new))
        .query((rs, n) -> out.put(rs.getObject(1, UUID.class), "grid '" + rs.getString(2) + "'"))
        .list();
    return out;
  }
}
