package workbench.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.DatabaseTest;
import workbench.grid.ExperimentDefinition.Axis;
import workbench.grid.ExperimentDefinition.Variant;
import workbench.loop.Recipe;
import workbench.loop.RecipeText;

/**
 * A grid's classifier-free guidance, as A1111's X/Y plot has it: every cell's negative prompt
 * and CFG scale, and a third axis that sweeps the CFG scale (real models and PostgreSQL).
 */
class GridGuidanceTest extends DatabaseTest {

  @Autowired GridService grids;
  @Autowired JdbcClient jdbc;

  static ExperimentDefinition cfgSweep(String negative, List<String> values) {
    return new ExperimentDefinition("CFG sweep", "", List.of(Variant.typed("A", "a red ball on the grass"),
        Variant.typed("B", "a red ball:: on the grass::")), List.of(5L), List.of(), new Axis(Axis.Kind.CFG, "", values),
        3, "diffusion", 1, ExperimentDefinition.DEFAULT_MODEL, negative, null);
  }

  ExperimentResult awaitDone(UUID id) {
    return GridRuns.awaitDone(grids, id);
  }

  @Test
  void aCfgAxisRunsEachColumnAtItsScaleWithTheGridsNegativePrompt() throws Exception {
    var id = grids.create(cfgSweep("night", List.of("1", "7")));
    assertThat(grids.start(id)).isEqualTo(4);
    var result = awaitDone(id);
    assertThat(result.done()).isEqualTo(4);
    var recipes = jdbc.sql("""
        select r.recipe_json from experiment_cell c join run r on r.id = c.run_id
        where c.experiment_id = ? order by c.axis_index, c.row_index""").params(id).query(String.class).list()
        .stream().map(RecipeText::fromJson).toList();
    assertThat(recipes).extracting(r -> r.cfgScale().getAsDouble()).containsExactly(1.0, 1.0, 7.0, 7.0);
    assertThat(recipes).extracting(Recipe::negativePrompt).containsOnly("night");
    var definition = grids.find(id).orElseThrow().definition();
    assertThat(definition.axis().label(1)).isEqualTo("CFG 7");
    assertThat(definition.negativePrompt()).isEqualTo("night");
    // The JSON export carries both, and an import gives the same definition back.
    var imported = grids.importJson(grids.json(id));
    assertThat(grids.find(imported).orElseThrow().definition()).isEqualTo(definition);
  }

  @Test
  void anExperimentFileFromBeforeGuidanceImportsWithNoneAndAScaleRoundTrips() throws Exception {
    var scaled = cfgSweep("night", List.of("1", "7")).withCfgScale(5.0);
    var id = grids.create(new ExperimentDefinition(scaled.title(), "", scaled.variants(), scaled.seeds(), List.of(),
        Axis.none(), 3, "diffusion", 1, ExperimentDefinition.DEFAULT_MODEL, "night", 5.0));
    var json = grids.json(id);
    assertThat(grids.find(grids.importJson(json)).orElseThrow().definition().cfgScale()).isEqualTo(5.0);
    var mapper = new ObjectMapper();
    var tree = (ObjectNode) mapper.readTree(json);
    var definition = (ObjectNode) tree.get("definition");
    definition.remove(List.of("model", "negativePrompt", "cfgScale"));
    var old = grids.find(grids.importJson(mapper.writeValueAsString(tree))).orElseThrow().definition();
    assertThat(old.negativePrompt()).isEmpty();
    assertThat(old.cfgScale()).isNull();
    assertThat(old.model()).isEqualTo(ExperimentDefinition.DEFAULT_MODEL);
    definition.put("cfgScale", "seven");
    assertThatThrownBy(() -> grids.importJson(mapper.writeValueAsString(tree)))
        .hasMessageContaining("\"cfgScale\" must be a number or null");
  }

  @Test
  void guidanceTheProcessLacksOrAScaleOutOfRangeIsRefusedAndNothingIsStored() {
    long before = jdbc.sql("select count(*) from experiment").query(Long.class).single();
    assertThatThrownBy(() -> grids.create(cfgSweep("", List.of("1", "31"))))
        .isInstanceOfSatisfying(InvalidExperimentException.class, e -> assertThat(e.getMessage())
            .isEqualTo("CFG scale 31 is outside 0 … 30"));
    var guided = new ExperimentDefinition("guided", "", List.of(Variant.typed("A", "a red ball"),
        Variant.typed("B", "a blue ball")), List.of(5L), List.of(), Axis.none(), 3, "guided", 1,
        ExperimentDefinition.DEFAULT_MODEL, "night", null);
    assertThatThrownBy(() -> grids.create(guided))
        .isInstanceOfSatisfying(InvalidExperimentException.class, e -> assertThat(e.getMessage())
            .contains("only the diffusion processes have"));
    assertThat(jdbc.sql("select count(*) from experiment").query(Long.class).single()).isEqualTo(before);
  }
}
