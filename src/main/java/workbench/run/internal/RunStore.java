package workbench.run.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import workbench.account.AccessSql;
import workbench.loop.LoopResult;
import workbench.loop.Recipe;
import workbench.loop.RecipeText;
import workbench.loop.TermScores;
import workbench.run.ImageKind;
import workbench.run.Run;
import workbench.run.RunSnapshot;
import workbench.run.RunStatus;
import workbench.shared.Sha256;

/** Runs and what they made, in PostgreSQL (plain SQL: bulk rows, bytea images, real[] traces). */
@Repository
public class RunStore {

  private static final Logger log = LoggerFactory.getLogger(RunStore.class);

  private final JdbcClient jdbc;

  RunStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insertQueued(UUID id, Recipe recipe, long promptVersionId, @Nullable Long ownerId) {
    jdbc.sql("""
        insert into run (id, status, recipe_json, prompt_text, seed, process, model_id, prompt_version_id, steps, owner_id)
        values (:id, 'QUEUED', :recipe, :prompt, :seed, :process, :model, :version, :steps, :owner)""")
        .param("owner", ownerId)
        .param("id", id)
        .param("recipe", RecipeText.json(recipe))
        .param("prompt", recipe.prompt())
        .param("seed", recipe.seed())
        .param("process", recipe.process())
        .param("model", recipe.modelId())
        .param("version", promptVersionId > 0 ? promptVersionId : null)
        .param("steps", recipe.steps())
        .update();
  }

  /**
   * Claims a run for this worker: QUEUED, or RUNNING left behind by a worker that died (the
   * queue only hands it out again after that worker's heartbeat stopped). Clears any partial
   * output of the earlier attempt. Returns this attempt's number, which {@link #finish} and
   * {@link #fail} check; empty when the run was cancelled or finished meanwhile (a batch run
   * again after a kill skips the cells already stored).
   */
  @Transactional
  public OptionalInt claim(UUID id, String worker) {
    var attempt = jdbc.sql("""
        update run set status = 'RUNNING', worker = :worker, started_at = now(), step = 0,
                       attempts = attempts + 1
        where id = :id and status in ('QUEUED', 'RUNNING') and not cancel_requested
        returning attempts""")
        .param("id", id).param("worker", worker).query(Integer.class).optional();
    if (attempt.isEmpty()) {
      return OptionalInt.empty();
    }
    deleteOutput(id);
    // An earlier attempt's journey: this one makes the same again (finish keeps them).
    jdbc.sql("delete from run_snapshot where run_id = ?").params(id).update();
    return OptionalInt.of(attempt.get());
  }

  public void step(UUID id, int step) {
    jdbc.sql("update run set step = :step where id = :id").param("step", step).param("id", id).update();
  }

  public boolean cancelRequested(UUID id) {
    return jdbc.sql("select cancel_requested from run where id = :id").param("id", id)
        .query(Boolean.class).optional().orElse(true);
  }

  /** Asks a run to stop; a queued one is cancelled at once. True when the run exists and was not finished. */
  @Transactional
  public boolean requestCancel(UUID id) {
    int queued = jdbc.sql("""
        update run set status = 'CANCELLED', cancel_requested = true, finished_at = now()
        where id = :id and status = 'QUEUED'""").param("id", id).update();
    int running = jdbc.sql("update run set cancel_requested = true where id = :id and status = 'RUNNING'")
        .param("id", id).update();
    return queued + running > 0;
  }

  /**
   * Stores everything a finished (or cancelled) run made, in one transaction, if attempt
   * {@code attempt} still holds the run. A worker that was presumed dead (its heartbeat late,
   * its job handed to another) and wakes up stores nothing: every run is stored once.
   */
  @Transactional
  public boolean finish(UUID id, int attempt, LoopResult result, byte[] staticPng, byte[] rawPng, byte[] finalPng) {
    var status = result.outcome() == LoopResult.Outcome.CANCELLED ? RunStatus.CANCELLED : RunStatus.DONE;
    int held = jdbc.sql("""
        update run set status = :status, step = :step, score_initial = :initial, score_final = :final,
                       finished_at = now(), error = null
        where id = :id and status = 'RUNNING' and attempts = :attempt""")
        .param("status", status.name())
        .param("step", result.stepsRun())
        .param("initial", result.initial().combinedScore())
        .param("final", result.last().combinedScore())
        .param("id", id)
        .param("attempt", attempt)
        .update();
    if (held == 0) {
      return false;
    }
    deleteOutput(id);
    image(id, ImageKind.STATIC, staticPng, result.staticImage().getWidth(), result.staticImage().getHeight());
    image(id, ImageKind.RAW, rawPng, result.raw().getWidth(), result.raw().getHeight());
    image(id, ImageKind.FINAL, finalPng, result.finalImage().getWidth(), result.finalImage().getHeight());
    var terms = result.last().terms();
    for (int t = 0; t < terms.size(); t++) {
      jdbc.sql("insert into term_score (run_id, term_index, text, weight, similarity) values (?, ?, ?, ?, ?)")
          .params(id, t, terms.get(t).text(), (float) terms.get(t).weight(), (float) terms.get(t).similarity())
          .update();
    }
    for (var trace : result.trace()) {
      var values = new Float[trace.terms().length];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) trace.terms()[i];
      }
      jdbc.sql("insert into step_trace (run_id, step, combined, terms) values (?, ?, ?, ?)")
          .params(id, trace.step(), (float) trace.combined(), values)
          .update();
    }
    return true;
  }

  /**
   * Keeps a snapshot of step {@code step} if attempt {@code attempt} still holds the run (a
   * worker presumed dead writes nothing over its successor's journey); a step written twice by
   * the same attempt keeps the last.
   */
  public void snapshot(UUID id, int attempt, int step, TermScores scores, byte[] png, byte @Nullable [] predictedPng) {
    var terms = scores.terms().stream().map(t -> (float) t.similarity()).toArray(Float[]::new);
    // Positional parameters: a named one would expand the Float[] into a list.
    jdbc.sql("""
        insert into run_snapshot (run_id, step, png, predicted_png, combined, terms)
        select ?::uuid, ?::integer, ?::bytea, ?::bytea, ?::real, ?::real[]
        where exists (select 1 from run where id = ? and status = 'RUNNING' and attempts = ?)
        on conflict (run_id, step) do update
          set png = excluded.png, predicted_png = excluded.predicted_png,
              combined = excluded.combined, terms = excluded.terms""")
        .params(id, step, png, predictedPng, (float) scores.combined(), terms, id, attempt)
        .update();
  }

  /** A run's snapshots, by step; the terms' texts and weights come from its recipe. */
  public List<RunSnapshot> snapshots(UUID id, Recipe recipe) {
    var texts = recipe.termTexts();
    var weights = recipe.termWeights();
    return jdbc.sql("select step, png, predicted_png, combined, terms from run_snapshot where run_id = ? order by step")
        .params(id)
        .query((rs, n) -> {
          var sims = doubles(rs.getArray(5));
          var terms = new ArrayList<TermScores.TermScore>(sims.length);
          for (int t = 0; t < sims.length && t < texts.size(); t++) {
            terms.add(new TermScores.TermScore(texts.get(t), weights[t], sims[t]));
          }
          byte[] predicted = rs.getBytes(3);
          return new RunSnapshot(rs.getInt(1), new TermScores(terms, rs.getFloat(4)), rs.getBytes(2),
              predicted == null ? new byte[0] : predicted);
        })
        .list();
  }

  /**
   * Marks attempt {@code attempt} of a run failed and drops its preview, unless another worker
   * holds the run now (its preview is then that worker's).
   */
  @Transactional
  public boolean fail(UUID id, int attempt, String error) {
    int held = jdbc.sql("""
        update run set status = 'FAILED', error = :error, finished_at = now()
        where id = :id and status = 'RUNNING' and attempts = :attempt""")
        .param("error", error).param("id", id).param("attempt", attempt).update();
    if (held == 1) {
      deletePreview(id);
    }
    return held == 1;
  }

  /** The latest preview of a running run, for nodes that follow it but do not run it. */
  public void preview(UUID id, int step, byte[] png) {
    jdbc.sql("""
        insert into run_preview (run_id, step, png)
        select :id, :step, :png where exists (select 1 from run where id = :id and status = 'RUNNING')
        on conflict (run_id) do update set step = excluded.step, png = excluded.png""")
        .param("id", id).param("step", step).param("png", png).update();
  }

  public void deletePreview(UUID id) {
    jdbc.sql("delete from run_preview where run_id = ?").params(id).update();
  }

  /** The latest preview of a running run (empty once it has finished). */
  public Optional<byte[]> preview(UUID id) {
    return jdbc.sql("select png from run_preview where run_id = ?").params(id).query(byte[].class).optional();
  }

  /** Runs of {@code ownerId} that are queued or running: the fair queue's measure of a user's share. */
  public long activeRuns(long ownerId) {
    return jdbc.sql("select count(*) from run where owner_id = ? and status in ('QUEUED', 'RUNNING')")
        .params(ownerId).query(Long.class).single();
  }

  /** How many of these runs {@code ownerId} started. */
  public long countOwned(List<UUID> ids, long ownerId) {
    if (ids.isEmpty()) {
      return 0;
    }
    return jdbc.sql("select count(*) from run where id = any(:ids) and owner_id = :owner")
        .param("ids", ids.toArray(UUID[]::new)).param("owner", ownerId).query(Long.class).single();
  }

  /** Each run's prompt text, in the order the runs were created. */
  public LinkedHashMap<UUID, String> prompts(Collection<UUID> ids) {
    var out = new LinkedHashMap<UUID, String>();
    jdbc.sql("select id, prompt_text from run where id = any(:ids) order by created_at")
        .param("ids", ids.toArray(UUID[]::new))
        .query((rs, n) -> out.put(rs.getObject(1, UUID.class), rs.getString(2)))
        .list();
    return out;
  }

  public Optional<Long> owner(UUID id) {
    return jdbc.sql("select owner_id from run where id = ?").params(id)
        .query((rs, n) -> Optional.ofNullable((Long) rs.getObject(1, Long.class))).optional().flatMap(o -> o);
  }

  /** Whether user {@code me} may see run {@code id} (see {@link workbench.account.AccessSql#run}). */
  public boolean visible(UUID id, long me) {
    return jdbc.sql("select count(*) from run r where r.id = :id and " + AccessSql.run("r"))
        .param("id", id).param("me", me).query(Long.class).single() > 0;
  }

  /**
   * Whether prompt version {@code id} exists in a library user {@code me} may read (any
   * library for an admin): one answer for "not yours" and "no such version".
   */
  public boolean versionReadable(long id, long me, boolean admin) {
    var readable = admin ? "" : " and " + AccessSql.library("l");
    return jdbc.sql("select count(*) from prompt_version v join prompt p on p.id = v.prompt_id"
            + " join library l on l.id = p.library_id where v.id = :id" + readable)
        .param("id", id).param("me", me).query(Long.class).single() > 0;
  }

  /**
   * A run's row with its term scores in the same query (as arrays in term order): the queue
   * reads its runs on every preview step, and a query per row made that one per run.
   */
  private static final String RUN = """
      select r.*,
             array(select t.text from term_score t where t.run_id = r.id order by t.term_index) as term_texts,
             array(select t.weight from term_score t where t.run_id = r.id order by t.term_index) as term_weights,
             array(select t.similarity from term_score t where t.run_id = r.id order by t.term_index) as term_similarities
      from run r""";

  public Optional<Run> find(UUID id) {
    return jdbc.sql(RUN + " where r.id = :id").param("id", id).query(this::run).optional();
  }

  /**
   * Runs that are queued or running, oldest first, then the most recent finished ones; only
   * those user {@code me} may see unless {@code everyone}.
   */
  public List<Run> queue(int finishedToo, long me, boolean everyone) {
    var visible = everyone ? "" : " and " + AccessSql.run("r");
    var active = jdbc.sql(RUN + " where r.status in ('QUEUED', 'RUNNING')" + visible + " order by r.created_at")
        .param("me", me).query(this::readableRun).list();
    var recent = jdbc.sql(RUN + " where r.status not in ('QUEUED', 'RUNNING')" + visible
            + " order by r.created_at desc limit :n")
        .param("me", me).param("n", finishedToo).query(this::readableRun).list();
    var all = new ArrayList<Run>();
    active.forEach(r -> r.ifPresent(all::add));
    recent.forEach(r -> r.ifPresent(all::add));
    return all;
  }

  public Optional<byte[]> image(UUID id, ImageKind kind) {
    return jdbc.sql("select png from image where run_id = :id and kind = :kind")
        .param("id", id).param("kind", kind.name()).query(byte[].class).optional();
  }

  public List<LoopResult.TraceStep> trace(UUID id) {
    return jdbc.sql("select step, combined, terms from step_trace where run_id = :id order by step")
        .param("id", id)
        .query((rs, n) -> new LoopResult.TraceStep(rs.getInt(1), rs.getFloat(2), doubles(rs.getArray(3))))
        .list();
  }

  private void image(UUID id, ImageKind kind, byte[] png, int width, int height) {
    jdbc.sql("insert into image (run_id, kind, png, width, height, sha256) values (?, ?, ?, ?, ?, ?)")
        .params(id, kind.name(), png, width, height, Sha256.hex(png))
        .update();
  }

  private void deleteOutput(UUID id) {
    jdbc.sql("delete from run_preview where run_id = ?").params(id).update();
    jdbc.sql("delete from image where run_id = ?").params(id).update();
    jdbc.sql("delete from term_score where run_id = ?").params(id).update();
    jdbc.sql("delete from step_trace where run_id = ?").params(id).update();
  }

  /**
   * A row whose recipe cannot be read (written by hand, or by a tool of an older schema) is left
   * out of lists with a warning: one damaged run must not take the Generate page down for everyone.
   */
  private Optional<Run> readableRun(ResultSet rs, int row) throws SQLException {
    try {
      return Optional.of(run(rs, row));
    } catch (IllegalArgumentException unreadable) {
      log.warn("run {} left out of the queue: {}", rs.getObject("id", UUID.class), unreadable.getMessage());
      return Optional.empty();
    }
  }

  private Run run(ResultSet rs, int row) throws SQLException {
    var id = rs.getObject("id", UUID.class);
    var texts = (Object[]) rs.getArray("term_texts").getArray();
    var weights = doubles(rs.getArray("term_weights"));
    var similarities = doubles(rs.getArray("term_similarities"));
    var terms = new ArrayList<TermScores.TermScore>(texts.length);
    for (int i = 0; i < texts.length; i++) {
      terms.add(new TermScores.TermScore((String) texts[i], weights[i], similarities[i]));
    }
    long version = rs.getLong("prompt_version_id");
    boolean fromLibrary = !rs.wasNull();
    return new Run(
        id,
        RunStatus.valueOf(rs.getString("status")),
        RecipeText.fromJson(rs.getString("recipe_json")),
        fromLibrary ? version : 0,
        rs.getInt("step"),
        rs.getInt("steps"),
        optionalDouble(rs, "score_initial"),
        optionalDouble(rs, "score_final"),
        terms,
        Optional.ofNullable(rs.getString("error")).orElse(""),
        rs.getTimestamp("created_at").toInstant(),
        instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("finished_at")));
  }

  private static Optional<Double> optionalDouble(ResultSet rs, String column) throws SQLException {
    float v = rs.getFloat(column);
    return rs.wasNull() ? Optional.empty() : Optional.of((double) v);
  }

  private static Optional<Instant> instant(Timestamp t) {
    return Optional.ofNullable(t).map(Timestamp::toInstant);
  }

  private static double[] doubles(Array array) throws SQLException {
    var values = (Object[]) array.getArray();
    var out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = ((Number) values[i]).doubleValue();
    }
    return out;
  }
}
