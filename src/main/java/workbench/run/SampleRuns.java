package workbench.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stored runs written straight into the run tables, for benchmarks and tests of the gallery and
 * the run pages at scale (no models needed; their recipe is not readable, so they are not for
 * pages that open a recipe): run g has seed g, score g % 100, process guided when g
 * is even, the prompt "red apple:: pineapple::0.5" when g is a multiple of 10 ("blue cube"
 * otherwise) and was made g hours before {@link #NOW}.
 */
public final class SampleRuns {

  public static final byte[] THUMB = {(byte) 0x89, 'P', 'N', 'G'};
  public static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(30, ChronoUnit.MINUTES);

  private SampleRuns() {}

  public static void insertRuns(JdbcClient jdbc, String model, int runs) {
    // Ids derive from (model, g), so each insert below finds its runs without a temporary table.
    var runsOf = "(select md5(:model || '/' || g)::uuid as id, g from generate_series(1, :runs) g) n";
    jdbc.sql("""
        insert into run (id, status, recipe_json, prompt_text, seed, process, model_id, steps, step,
                         score_initial, score_final, created_at, started_at, finished_at)
        select id, 'DONE', '{}',
               case when g % 10 = 0 then 'red apple:: pineapple::0.5' else 'blue cube' end,
               g, case when g % 2 = 0 then 'guided' else 'evolve' end, :model, 3, 3,
               0, g % 100, cast(:now as timestamptz) - g * interval '1 hour',
               cast(:now as timestamptz) - g * interval '1 hour', cast(:now as timestamptz)
        from """ + runsOf)
        .param("model", model).param("runs", runs).param("now", NOW.atOffset(ZoneOffset.UTC)).update();
    jdbc.sql("insert into image (run_id, kind, png, width, height, sha256) "
            + "select id, 'RAW', :thumb, 64, 64, repeat('0', 64) from " + runsOf)
        .param("model", model).param("runs", runs).param("thumb", THUMB).update();
    jdbc.sql("""
        insert into term_score (run_id, term_index, text, weight, similarity)
        select id, 0, case when g % 10 = 0 then 'red apple' else 'blue cube' end, 1, (g % 100) / 100.0 from """
            + runsOf + " union all select id, 1, 'pineapple', 0.5, 0.1 from " + runsOf + " where g % 10 = 0")
        .param("model", model).param("runs", runs).update();
  }

  /**
   * Snapshots for every run {@link #insertRuns} wrote: {@code perRun} of them (steps 0, 5,
   * 10, …, as a 40-step run keeps 9 with the default {@code workbench.snapshots.every}), each
   * {@code bytes} long, as much as a real one stores. The bytes are seeded noise, which
   * PostgreSQL cannot compress, as it cannot compress a real snapshot's PNG.
   */
  public static void insertSnapshots(JdbcClient jdbc, String model, int runs, int perRun, int bytes) {
    var noise = new byte[bytes];
    new Random(bytes).nextBytes(noise);
    var runsOf = "(select md5(:model || '/' || g)::uuid as id, g from generate_series(1, :runs) g) n";
    // Each row's bytes differ in their first eight (the step and run), so no two values are the same.
    jdbc.sql("""
        insert into run_snapshot (run_id, step, png, predicted_png, combined, terms)
        select id, 5 * k, overlay(:noise placing int8send(g * 100 + k) from 1), null, g % 100, array[(g % 100) / 100.0]::real[]
        from """ + runsOf + " cross join generate_series(0, :perRun - 1) k")
        .param("model", model).param("runs", runs).param("perRun", perRun).param("noise", noise).update();
  }
}
