package workbench.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.DatabaseTest;
import workbench.grid.ExperimentDefinition.Axis;
import workbench.grid.ExperimentDefinition.Variant;
import workbench.run.GenerationService;
import workbench.run.ImageKind;
import workbench.run.ModelChoice;

/**
 * A grid on the custom models of workbench.models.dir (the tiny TorchScript fixtures): the
 * diffusion-shaped generator makes the cells, the CLIP-shaped checker scores them, and the
 * scores are stored.
 */
class CustomModelGridTest extends DatabaseTest {

  static final String PAIR = "tiny-sd+tiny-clip";

  @Autowired GridService grids;
  @Autowired GenerationService generation;
  @Autowired JdbcClient jdbc;

  static ExperimentDefinition grid(String title) {
    return new ExperimentDefinition(title, "", List.of(Variant.typed("A", "red apple --no blurry"),
        Variant.typed("B", "red apple:: watercolor::2")), List.of(42L, 43L), List.of("tart"), Axis.none(), 3, "diffusion", 1,
        PAIR);
  }

  ExperimentResult awaitDone(UUID id) {
    return GridRuns.awaitDone(grids, id);
  }

  @Test
  void theFolderModelsAreOffered() {
    assertThat(generation.models()).extracting(ModelChoice::id)
        .containsExactly("sketchbook-v1", "sketchbook-v1+tiny-clip", "tiny-sd+tiny-clip", "tiny-sd+sketchbook-v1");
    assertThat(generation.models().get(1).processes()).containsExactly("guided", "evolve");
    assertThat(generation.models().get(2).processes()).containsExactly("diffusion");
    assertThat(generation.modelProblems()).isEmpty();
  }

  @Test
  void aGridRunsOnTheCustomModelsAndStoresTheirScores() throws Exception {
    var id = grids.create(grid("Tiny SD"));
    assertThat(grids.find(id).orElseThrow().definition().model()).isEqualTo(PAIR);
    assertThat(grids.start(id)).isEqualTo(4);
    var result = awaitDone(id);
    assertThat(result.done()).isEqualTo(4);
    assertThat(result.terms()).containsExactly("red apple", "blurry", "watercolor", "tart");
    assertThat(result.cells()).allSatisfy(c -> {
      assertThat(c.combined()).isPresent();
      assertThat(c.termScores()).containsOnlyKeys(result.terms());
    });

    var runs = jdbc.sql("""
        select r.model_id, count(t.*) from experiment_cell c join run r on r.id = c.run_id
        join term_score t on t.run_id = r.id where c.experiment_id = ? group by r.id, r.model_id""")
        .params(id).query((rs, n) -> rs.getString(1) + ":" + rs.getLong(2)).list();
    assertThat(runs).hasSize(4).allSatisfy(r -> assertThat(r).startsWith(PAIR + ":"));

    // Either checker scores any stored image: the CLIP-shaped one and the Sketchbook one differ.
    var runIds = result.cells().stream().map(c -> c.runId().orElseThrow()).toList();
    var byClip = generation.similarities(runIds, List.of("red apple", "a blue cat"), PAIR);
    var bySketchbook = generation.similarities(runIds, List.of("red apple", "a blue cat"), "sketchbook-v1");
    assertThat(byClip).hasSize(4).containsOnlyKeys(bySketchbook.keySet());
    assertThat(byClip.get(runIds.get(0))).isNotEqualTo(bySketchbook.get(runIds.get(0)));
    assertThat(byClip.get(runIds.get(0))[0]).isNotEqualTo(byClip.get(runIds.get(0))[1]);

    // Same seed, same recipe: the two grids' cells are the same PNG bytes.
    var again = grids.create(grid("Tiny SD again"));
    grids.start(again);
    var second = awaitDone(again);
    var firstImage = generation.image(result.cell(0, 1, 0).orElseThrow().runId().orElseThrow(), ImageKind.FINAL);
    var secondImage = generation.image(second.cell(0, 1, 0).orElseThrow().runId().orElseThrow(), ImageKind.FINAL);
    assertThat(secondImage.orElseThrow()).isEqualTo(firstImage.orElseThrow());
    var otherSeed = generation.image(result.cell(0, 0, 0).orElseThrow().runId().orElseThrow(), ImageKind.FINAL);
    assertThat(otherSeed.orElseThrow()).isNotEqualTo(firstImage.orElseThrow());
  }

  @Test
  void aModelThatIsNotThereIsRefusedNamingIt() {
    var d = grid("Missing");
    var missing = new ExperimentDefinition(d.title(), d.notes(), d.variants(), d.seeds(), d.probes(), d.axis(), d.steps(),
        d.process(), d.upscale(), "big-sd+tiny-clip");
    assertThatThrownBy(() -> grids.create(missing)).isInstanceOf(InvalidExperimentException.class)
        .hasMessageContaining("unknown model 'big-sd'");
  }
}
