package workbench.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.TestApps;
import workbench.account.SignIn;
import workbench.grid.ExperimentDefinition.Axis;
import workbench.grid.ExperimentDefinition.Variant;

/** Grids live in PostgreSQL: a restart loses no finished cell, and a cancelled grid resumes. */
class GridRestartTest {

  @TempDir Path dataDir;

  @AfterEach
  void signOut() {
    SignIn.out();
  }

  static ExperimentDefinition fourByFour() {
    return new ExperimentDefinition("Four by four", "## Technique\nfour wordings", List.of(
        Variant.typed("A", "a red apple"), Variant.typed("B", "a red apple on a table"),
        Variant.typed("C", "red apple:: table::0.5"), Variant.typed("D", "a big red apple")),
        ExperimentDefinition.seedsFrom(100, 4), List.of("apple"), Axis.none(), 2, "evolve", 1);
  }

  static ExperimentResult awaitFinished(GridService grids, UUID id) throws InterruptedException {
    return GridRuns.awaitDone(grids, id);
  }

  @Test
  void aStoredFourByFourReopensIdenticallyAfterARestart() throws Exception {
    UUID id;
    ExperimentResult before;
    String wikitext;
    try (var first = TestApps.start(dataDir)) {
      var grids = first.getBean(GridService.class);
      id = grids.create(fourByFour());
      grids.start(id);
      before = awaitFinished(grids, id);
      wikitext = grids.wikitext(id);
      assertThat(before.done()).isEqualTo(16);
    }
    try (var second = TestApps.start(dataDir)) {
      var grids = second.getBean(GridService.class);
      var after = grids.result(id);
      assertThat(after.experiment()).isEqualTo(before.experiment());
      assertThat(after.cells()).isEqualTo(before.cells());
      assertThat(after.comparisons()).isEqualTo(before.comparisons());
      assertThat(grids.wikitext(id)).isEqualTo(wikitext);
      assertThat(grids.start(id)).as("nothing left to run").isZero();
    }
  }

  @Test
  void aCancelledGridResumesWithItsFinishedCellsKept() throws Exception {
    try (var app = TestApps.start(dataDir)) {
      var grids = app.getBean(GridService.class);
      var long2x8 = new ExperimentDefinition("Long", "", List.of(Variant.typed("A", "a red apple"),
          Variant.typed("B", "a green apple")), ExperimentDefinition.seedsFrom(1, 8), List.of(), Axis.none(),
          60, "guided", 1);
      var id = grids.create(long2x8);
      assertThat(grids.start(id)).isEqualTo(16);
      assertThat(grids.cancel(id)).isPositive();
      var cancelled = awaitFinished(grids, id);
      int doneBefore = cancelled.done();
      var doneRuns = cancelled.cells().stream().filter(ExperimentResult.Cell::done).map(c -> c.runId().orElseThrow()).toList();

      assertThat(grids.start(id)).as("only the unfinished cells are queued again").isEqualTo(16 - doneBefore);
      var resumed = awaitFinished(grids, id);
      assertThat(resumed.done()).isEqualTo(16);
      assertThat(resumed.cells().stream().map(c -> c.runId().orElseThrow()).toList()).containsAll(doneRuns);
    }
  }
}
