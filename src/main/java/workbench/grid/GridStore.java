package workbench.grid;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import workbench.account.AccessSql;
import workbench.account.Visibility;
import workbench.run.RunStatus;
import workbench.shared.LikePatterns;

/** Experiments, their rows and cells, in PostgreSQL. */
@Repository
class GridStore {

  private final JdbcClient jdbc;

  GridStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Who owns an experiment and who else may read it. */
  record Access(@Nullable Long ownerId, Visibility visibility,
      Set<Long> sharedWith) {}

  void insert(UUID id, ExperimentDefinition d, @Nullable Long ownerId,
      Visibility visibility) {
    jdbc.sql("""
        insert into experiment (id, title, notes, seeds, probes, axis_kind, axis_term, axis_values, steps, process, upscale,
                                owner_id, visibility, model, negative_prompt, cfg_scale)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(id, d.title(), d.notes(), d.seeds().toArray(Long[]::new), d.probes().toArray(String[]::new),
            d.axis().kind().id(), d.axis().term(),
            d.axis().values().toArray(String[]::new), d.steps(), d.process(), d.upscale(), ownerId, visibility.name(),
            d.model(), d.negativePrompt(), d.cfgScale())
        .update();
    for (int r = 0; r < d.variants().size(); r++) {
      var v = d.variants().get(r);
      jdbc.sql("insert into experiment_row (experiment_id, row_index, label, prompt, dialect, prompt_version_id) values (?, ?, ?, ?, ?, ?)")
          .params(id, r, v.label(), v.prompt(), v.dialect(), v.promptVersionId() > 0 ? v.promptVersionId() : null)
          .update();
    }
  }

  Optional<Access> access(UUID id) {
    var shares = new TreeSet<Long>(
        jdbc.sql("select user_id from experiment_share where experiment_id = ?").params(id).query(Long.class).list());
    return jdbc.sql("select owner_id, visibility from experiment where id = ?").params(id)
        .query((rs, n) -> new Access((Long) rs.getObject(1, Long.class),
            Visibility.valueOf(rs.getString(2)), shares))
        .optional();
  }

  void share(UUID id, Visibility visibility, Set<Long> users) {
    jdbc.sql("update experiment set visibility = ?, updated_at = now() where id = ?").params(visibility.name(), id).update();
    jdbc.sql("delete from experiment_share where experiment_id = ?").params(id).update();
    for (var user : users) {
      jdbc.sql("insert into experiment_share (experiment_id, user_id) values (?, ?)").params(id, user).update();
    }
  }

  void notes(UUID id, String notes) {
    jdbc.sql("update experiment set notes = ?, updated_at = now() where id = ?").params(notes, id).update();
  }

  void cellRun(UUID id, int row, int seedIndex, int axisIndex, UUID runId) {
    jdbc.sql("""
        insert into experiment_cell (experiment_id, row_index, seed_index, axis_index, run_id) values (?, ?, ?, ?, ?)
        on conflict (experiment_id, row_index, seed_index, axis_index) do update set run_id = excluded.run_id""")
        .params(id, row, seedIndex, axisIndex, runId)
        .update();
  }

  Optional<Experiment> find(UUID id) {
    var rows = jdbc.sql("select label, prompt, dialect, prompt_version_id from experiment_row where experiment_id = ? order by row_index")
        .params(id)
        .query((rs, n) -> new ExperimentDefinition.Variant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
        .list();
    return jdbc.sql("select * from experiment where id = ?").params(id).query((rs, n) -> experiment(rs, rows)).optional();
  }

  /**
   * Experiments whose title, notes or a row's prompt contains the query, newest first; only
   * those user {@code me} may read unless {@code all}.
   */
  List<Experiment> search(String query, int limit, long me, boolean all) {
    var like = LikePatterns.containsLowerCase(query);
    var visible = all ? "" : " and " + AccessSql.experiment("e");
    var ids = jdbc.sql("""
        select e.id from experiment e
        where (lower(e.title) like :q or lower(e.notes) like :q
           or exists (select 1 from experiment_row r where r.experiment_id = e.id and lower(r.prompt) like :q))"""
        + visible + " order by e.created_at desc limit :limit")
        .param("q", like).param("me", me).param("limit", limit).query(UUID.class).list();
    return ids.stream().map(this::find).flatMap(Optional::stream).toList();
  }

  record CellRow(int row, int seedIndex, int axisIndex, UUID runId, RunStatus status, Double score) {}

  /** Cells with their runs' status and combined score (0–100 when done). */
  List<CellRow> cells(UUID id) {
    return jdbc.sql("""
        select c.row_index, c.seed_index, c.axis_index, c.run_id, r.status, r.score_final
        from experiment_cell c left join run r on r.id = c.run_id
        where c.experiment_id = ? and c.run_id is not null""")
        .params(id)
        .query((rs, n) -> new CellRow(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getObject(4, UUID.class),
            RunStatus.valueOf(rs.getString(5)), (Double) Optional.ofNullable(rs.getObject(6)).map(o -> ((Number) o).doubleValue()).orElse(null)))
        .list();
  }

  private static Experiment experiment(ResultSet rs, List<ExperimentDefinition.Variant> rows) throws SQLException {
    var kind = ExperimentDefinition.Axis.Kind.valueOf(rs.getString("axis_kind").toUpperCase(Locale.ROOT));
    double cfg = rs.getDouble("cfg_scale");
    Double cfgScale = rs.wasNull() ? null : cfg;
    var axis = new ExperimentDefinition.Axis(kind, rs.getString("axis_term"), strings(rs.getArray("axis_values")));
    var definition = new ExperimentDefinition(rs.getString("title"), rs.getString("notes"), rows,
        longs(rs.getArray("seeds")), strings(rs.getArray("probes")), axis, rs.getInt("steps"), rs.getString("process"), rs.getInt("upscale"),
        rs.getString("model"), rs.getString("negative_prompt"), cfgScale);
    return new Experiment(rs.getObject("id", UUID.class), definition, rs.getTimestamp("created_at").toInstant());
  }

  private static List<Long> longs(Array array) throws SQLException {
    return Arrays.stream((Object[]) array.getArray()).map(o -> ((Number) o).longValue()).toList();
  }

  private static List<String> strings(Array array) throws SQLException {
    return new ArrayList<>(Arrays.stream((Object[]) array.getArray()).map(Object::toString).toList());
  }
}
