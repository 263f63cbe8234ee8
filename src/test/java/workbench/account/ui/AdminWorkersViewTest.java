package workbench.account.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.KaribuTest;
import workbench.grid.ExperimentDefinition.Axis;
import workbench.grid.ExperimentDefinition.Variant;
import workbench.grid.ExperimentDefinition;
import workbench.grid.GridService;
import workbench.node.WorkerNode;
import workbench.run.ModelChoice;

/** The Admin page's list of the deployment's instances: what each runs on and does, and who is gone. */
class AdminWorkersViewTest extends KaribuTest {

  @Autowired JdbcClient jdbc;
  @Autowired GridService grids;

  @AfterEach
  void forgetTheOtherNodes() {
    jdbc.sql("delete from worker_node where name in ('gpu-box', 'old-box')").update();
  }

  @Test
  void listsEachNodeWithWhatItRunsAndShowsASilentOneAsGone() throws Exception {
    var grid = grids.create(new ExperimentDefinition("Hands at night", "", List.of(Variant.typed("A", "a red apple"),
        Variant.typed("B", "a red hand")), ExperimentDefinition.seedsFrom(3, 1), List.of(), Axis.none(), 2, "evolve", 1));
    grids.start(grid);
    var cells = jdbc.sql("select run_id from experiment_cell where experiment_id = ?").params(grid).query(UUID.class).list();
    // Another worker busy with both cells of the grid, and one that has been silent for an hour.
    jdbc.sql("""
        insert into worker_node (name, role, device, model_id, threads, running, started_at, last_seen)
        values ('gpu-box', 'WORKER', 'gpu(0)', 'sketchbook-v1', 2, ?, now(), now())""")
        .params((Object) cells.toArray(UUID[]::new)).update();
    jdbc.sql("""
        insert into worker_node (name, role, device, model_id, threads, running, started_at, last_seen)
        values ('old-box', 'WORKER', 'cpu()', 'sketchbook-v1', 1, '{}', now() - interval '2 hours', now() - interval '1 hour')""")
        .update();

    UI.getCurrent().navigate("admin");
    _click(_get(Button.class, spec -> spec.withId("refresh-workers")));
    @SuppressWarnings("unchecked")
    Grid<WorkerNode> workers = _get(Grid.class, spec -> spec.withId("workers"));
    Map<String, List<String>> rows = new HashMap<>();
    for (int i = 0; i < GridKt._size(workers); i++) {
      var row = GridKt._getFormattedRow(workers, i);
      rows.put(row.get(0), row);
    }

    // Node, Role, Device, Model, Threads, Running, Last seen, Status
    assertThat(rows.get("gpu-box")).containsSequence("worker", "gpu(0)", "sketchbook-v1", "2",
        "grid 'Hands at night': 2 cells").endsWith("live");
    assertThat(rows.get("old-box")).containsSequence("worker", "cpu()", "sketchbook-v1", "1", "idle").endsWith("gone");
    assertThat(GridKt._get(workers, GridKt._size(workers) - 1).name()).as("gone nodes come last").isEqualTo("old-box");
    // This instance itself (the one-machine role: serves pages and runs jobs).
    assertThat(rows.values()).anySatisfy(row -> assertThat(row).contains("all").endsWith("live"));
  }

  @Test
  void listsTheModelsOnOfferWithTheirProcesses() {
    UI.getCurrent().navigate("admin");
    @SuppressWarnings("unchecked")
    Grid<ModelChoice> models = _get(Grid.class, spec -> spec.withId("models"));
    var ids = new ArrayList<String>();
    for (int i = 0; i < GridKt._size(models); i++) {
      ids.add(GridKt._getFormattedRow(models, i).get(0));
    }
    // The built-in pair first, then the pairs made of the fixture folders of workbench.models.dir.
    assertThat(ids.get(0)).isEqualTo("sketchbook-v1");
    assertThat(ids).contains("tiny-sd+tiny-clip");
    assertThat(GridKt._getFormattedRow(models, ids.indexOf("tiny-sd+tiny-clip")).get(2)).contains("diffusion");
  }
}
