package workbench.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.DatabaseTest;
import workbench.grid.ExperimentDefinition.Axis;
import workbench.grid.ExperimentDefinition.Variant;
import workbench.loop.PngMetadata;
import workbench.loop.Recipe;
import workbench.loop.RecipeText;
import workbench.run.GenerationService;
import workbench.run.ImageKind;

/** Grids on the real models and PostgreSQL: define, run, read results, export. */
class GridServiceTest extends DatabaseTest {

  @Autowired GridService grids;
  @Autowired JdbcClient jdbc;
  @Autowired GenerationService generation;

  static ExperimentDefinition twoByTwo(String title) {
    return new ExperimentDefinition(title, "", List.of(Variant.typed("A", "a hand with five fingers"),
        Variant.typed("B", "a hand:: five fingers::")), List.of(42L, 43L), List.of("hand"), Axis.none(), 4, "guided", 2);
  }

  ExperimentResult awaitDone(UUID id) {
    return GridRuns.awaitDone(grids, id);
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
    var zip = new ZipInputStream(new ByteArrayInputStream(grids.zip(id)));
    var names = new ArrayList<String>();
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

  /**
   * A when axis rewrites every prompt-editing construct of the edited row and leaves the row
   * without editing as written; the stored recipes (and the PNGs that carry them) switch terms
   * at the swept step, and the images differ where the schedules do.
   */
  @Test
  void aWhenSweepSwitchesTheEditedRowsTermsAtEachWhen() throws Exception {
    var d = new ExperimentDefinition("When the apple turns", "", List.of(Variant.typed("plain", "a red apple"),
        Variant.typed("edited", "a [red apple:green apple:0.5]")), List.of(7L), List.of(),
        new Axis(Axis.Kind.WHEN, "", List.of("0.25", "0.5", "3")), 4, "guided", 1);
    var id = grids.create(d);
    assertThat(grids.start(id)).isEqualTo(6);
    var result = awaitDone(id);
    assertThat(result.done()).isEqualTo(6);

    var edited = IntStream.range(0, 3)
        .mapToObj(a -> generation.run(result.cell(1, 0, a).orElseThrow().runId().orElseThrow()).orElseThrow().recipe())
        .toList();
    assertThat(edited).extracting(Recipe::prompt).containsExactly(
        "a, [red apple::0.25], [green apple:0.25]", "a, [red apple::0.5], [green apple:0.5]",
        "a, [red apple::3], [green apple:3]");
    // Steps 1…4: "red apple" until ⌊when⌋ (0.25 × 4 = 1, 0.5 × 4 = 2, step 3), "green apple" after it.
    int[] lastRedStep = {1, 2, 3};
    for (int a = 0; a < 3; a++) {
      var recipe = edited.get(a);
      assertThat(recipe.termTexts()).containsExactly("a", "red apple", "green apple");
      for (int step = 1; step <= 4; step++) {
        boolean red = step <= lastRedStep[a];
        assertThat(recipe.termWeightsAt(step, 4)).as("when %s, step %d", d.axis().values().get(a), step)
            .containsExactly(1, red ? 1 : 0, red ? 0 : 1);
      }
      // The cell's PNG carries that recipe, swept when and all.
      var png = generation.image(result.cell(1, 0, a).orElseThrow().runId().orElseThrow(),
          ImageKind.FINAL).orElseThrow();
      assertThat(RecipeText.fromJson(PngMetadata.read(png)
          .get(RecipeText.RECIPE_KEY))).isEqualTo(recipe);
    }
    var editedImages = IntStream.range(0, 3).mapToObj(a -> finalSha(result, 1, a)).toList();
    assertThat(editedImages).doesNotHaveDuplicates();
    // The row without prompt editing runs as written in every column: the same recipe, the same image.
    var plainImages = IntStream.range(0, 3).mapToObj(a -> finalSha(result, 0, a)).toList();
    assertThat(plainImages).containsOnly(plainImages.get(0));
    assertThat(generation.run(result.cell(0, 0, 2).orElseThrow().runId().orElseThrow()).orElseThrow().recipe().prompt())
        .isEqualTo("a red apple");

    // Results, verdicts and exports name each column by its when.
    assertThat(result.comparisons()).extracting(PairedComparison::variant)
        .contains("edited (when 0.25)", "edited (when 0.5)", "edited (when 3)");
    assertThat(result.comparisons().get(0).verdict()).contains("(when 0.25)");
    assertThat(grids.wikitext(id)).contains("when 0.25", "when 0.5", "when 3");
    assertThat(grids.markdown(id)).contains("### when 0\\.25", "### when 3");
    var json = grids.json(id);
    assertThat(json).contains("\"WHEN\"");
    var imported = grids.importJson(json);
    assertThat(grids.find(imported).orElseThrow().definition()).isEqualTo(grids.find(id).orElseThrow().definition());
  }

  private String finalSha(ExperimentResult result, int row, int axis) {
    var png = generation.image(result.cell(row, 0, axis).orElseThrow().runId().orElseThrow(),
        ImageKind.FINAL).orElseThrow();
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
    assertThatThrownBy(() -> grids.create(new ExperimentDefinition("x", "", ok.variants(), ok.seeds(), List.of(),
        new Axis(Axis.Kind.WHEN, "", List.of("0.25", "0.5")), 4, "guided", 2)))
        .isInstanceOf(InvalidExperimentException.class).hasMessageContaining("No row has A1111 prompt editing");
    var edited = List.of(Variant.typed("A", "a hand"), Variant.typed("B", "a [hand:fist:0.5]"));
    assertThatThrownBy(() -> grids.create(new ExperimentDefinition("x", "", edited, ok.seeds(), List.of(),
        new Axis(Axis.Kind.WHEN, "", List.of("0.25", "half")), 4, "guided", 2)))
        .isInstanceOf(InvalidExperimentException.class).hasMessageContaining("'half' is not a when");
    assertThatThrownBy(() -> grids.create(new ExperimentDefinition("x", "", edited, ok.seeds(), List.of(),
        new Axis(Axis.Kind.WHEN, "", List.of("0.5", "1.5")), 4, "guided", 2)))
        .isInstanceOf(InvalidExperimentException.class).hasMessageContaining("When 1.5 is outside the run");
    assertThatThrownBy(() -> grids.create(new ExperimentDefinition("x", "", edited, ok.seeds(), List.of(),
        new Axis(Axis.Kind.WHEN, "", List.of("2", "5")), 4, "guided", 2)))
        .isInstanceOf(InvalidExperimentException.class).hasMessageContaining("When 5 is outside the run")
        .hasMessageContaining("a step number 0 … 4");
    assertThat(jdbc.sql("select count(*) from experiment").query(Long.class).single()).isEqualTo(before);
  }
}
