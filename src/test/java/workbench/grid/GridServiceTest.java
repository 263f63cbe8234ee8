package workbench.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.DatabaseTest;
import workbench.grid.ExperimentDefinition.Axis;
import workbench.grid.ExperimentDefinition.Variant;

/** Grids on the real models and PostgreSQL: define, run, read results, export. */
class GridServiceTest extends DatabaseTest {

  @Autowired GridService grids;
  @Autowired JdbcClient jdbc;

  static ExperimentDefinition twoByTwo(String title) {
    return new ExperimentDefinition(title, "", List.of(Variant.typed("A", "a hand with five fingers"),
        Variant.typed("B", "a hand:: five fingers::")), List.of(42L, 43L), List.of("hand"), Axis.none(), 4, "guided", 2);
  }

  ExperimentResult awaitDone(UUID id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (System.nanoTime() < deadline) {
      var result = grids.result(id);
      if (result.finished() && !result.cells().isEmpty()) {
        return result;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("grid did not finish");
  }

  @Test
  void aGridRunsWithTheSameSeedsInEveryRow() throws Exception {
    var id = grids.create(twoByTwo("Hands 2×2"));
    assertThat(grids.start(id)).isEqualTo(4);
    var result = awaitDone(id);

    assertThat(result.done()).isEqualTo(4);
    // Same seeds across rows: each column's cells carry that column's seed, in every row.
    for (int s = 0; s < 2; s++) {
      long seed = result.experiment().definition().seeds().get(s);
      for (int r = 0; r < 2; r++) {
        assertThat(result.cell(r, s, 0).orElseThrow().seed()).isEqualTo(seed);
      }
    }
    var recipeSeeds = jdbc.sql("""
        select r.seed from experiment_cell c join run r on r.id = c.run_id
        where c.experiment_id = ? order by c.seed_index, c.row_index""").params(id).query(Long.class).list();
    assertThat(recipeSeeds).containsExactly(42L, 42L, 43L, 43L);
    // Every cell is measured on every term: both rows' own terms and the probe.
    assertThat(result.terms()).containsExactly("a hand with five fingers", "a hand", "five fingers", "hand");
    assertThat(result.cells()).allSatisfy(c -> assertThat(c.termScores()).containsOnlyKeys(result.terms()));
    assertThat(result.comparisons()).extracting(PairedComparison::what).contains("combined", "hand");
    assertThat(result.summaries()).hasSize(2);

    // A second start queues nothing: finished cells are kept.
    assertThat(grids.start(id)).isZero();
    assertThat(grids.wikitext(id)).contains("{| class=\"wikitable\"").contains("[[File:hands-2-2-r1-s42.png|128px]]");
    var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(grids.zip(id)));
    var names = new java.util.ArrayList<String>();
    for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
      names.add(e.getName());
    }
    assertThat(names).contains("hands-2-2-r1-s42.png", "hands-2-2-r2-s43.png", "hands-2-2-contact-sheet.png",
        "hands-2-2.wikitext", "hands-2-2.md", "hands-2-2.json");
    var imported = grids.importJson(grids.json(id));
    assertThat(grids.find(imported).orElseThrow().definition()).isEqualTo(grids.find(id).orElseThrow().definition());
  }

  @Test
  void aWeightSweepMakesAThirdAxis() throws Exception {
    var d = new ExperimentDefinition("Sweep", "", List.of(Variant.typed("A", "a red apple"),
        Variant.typed("B", "a red apple:: table::1")), List.of(7L), List.of(),
        new Axis(Axis.Kind.WEIGHT, "table", List.of("0.5", "2")), 3, "evolve", 1);
    var id = grids.create(d);
    assertThat(grids.start(id)).isEqualTo(4);
    awaitDone(id);
    var prompts = jdbc.sql("""
        select r.prompt_text from experiment_cell c join run r on r.id = c.run_id
        where c.experiment_id = ? and c.row_index = 1 order by c.axis_index""").params(id).query(String.class).list();
    assertThat(prompts).containsExactly("a red apple:: table::0.5", "a red apple:: table::2");
  }

  @Test
  void refusesBadGridsBeforeAnythingRuns() {
    long before = jdbc.sql("select count(*) from experiment").query(Long.class).single();
    var ok = twoByTwo("ok");
    assertThatThrownBy(() -> grids.create(new ExperimentDefinition("x", "", List.of(Variant.typed("A", "apple")),
        ok.seeds(), List.of(), Axis.none(), 4, "guided", 2)))
        .isInstanceOf(InvalidExperimentException.class).hasMessageContaining("2–8 prompt variants");
    assertThatThrownBy(() -> grids.create(new ExperimentDefinition("x", "", ok.variants(), List.of(1L, 1L),
        List.of(), Axis.none(), 4, "guided", 2)))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> grids.create(new ExperimentDefinition("x", "", List.of(Variant.typed("A", "apple"),
        Variant.typed("B", "apple:: tart::2x")), ok.seeds(), List.of(), Axis.none(), 4, "guided", 2)))
        .hasMessageContaining("Row 2").hasMessageContaining("column 15");
    assertThatThrownBy(() -> grids.create(new ExperimentDefinition("x", "", ok.variants(),
        ExperimentDefinition.seedsFrom(0, 64), List.of(), new Axis(Axis.Kind.STEPS, "", List.of("1", "2", "3")), 4, "guided", 8)))
        .isInstanceOf(InvalidExperimentException.class)
        .hasMessageContaining("2 rows × 64 seeds × 3 steps values = 384 cells");
    assertThatThrownBy(() -> grids.create(new ExperimentDefinition("x", "", ok.variants(),
        ExperimentDefinition.seedsFrom(0, 64), List.of(), Axis.none(), 4, "guided", 8)))
        .isInstanceOf(InvalidExperimentException.class)
        .hasMessageContaining("megapixels; the limit is 16.8");
    assertThatThrownBy(() -> grids.create(new ExperimentDefinition("x", "", ok.variants(), ok.seeds(), List.of(),
        new Axis(Axis.Kind.WEIGHT, "tart", List.of("1", "2")), 4, "guided", 2)))
        .hasMessageContaining("No row has the term 'tart'");
    assertThat(jdbc.sql("select count(*) from experiment").query(Long.class).single()).isEqualTo(before);
  }
}
