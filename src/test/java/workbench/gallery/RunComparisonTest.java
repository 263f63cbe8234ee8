package workbench.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import workbench.loop.TermScores;
import workbench.run.Run;
import workbench.run.RunStatus;

class RunComparisonTest {

  static Run run(String prompt, long seed, double score, List<TermScores.TermScore> terms) {
    return new Run(UUID.randomUUID(), RunStatus.DONE, StoredRuns.recipe(prompt, seed, 5), 0, 5, 5, Optional.of(0.0),
        Optional.of(score), terms, "", Instant.now(), Optional.empty(), Optional.empty());
  }

  @Test
  void onlyTheSeedDiffersBetweenTwoSeedsOfOnePrompt() {
    var a = run("red apple:: table::0.5", 42, 61.5, List.of());
    var b = run("red apple:: table::0.5", 43, 58, List.of());
    var rows = RunComparison.recipes(List.of(a, b));
    assertThat(rows).filteredOn(RunComparison.Row::differs).extracting(RunComparison.Row::name).containsExactly("Seed");
    assertThat(rows).filteredOn(r -> r.name().equals("Terms")).singleElement()
        .extracting(RunComparison.Row::values).isEqualTo(List.of("[red apple ×1, table ×0.50]", "[red apple ×1, table ×0.50]"));
    assertThat(a.recipe().schedule().describe()).isEqualTo("from step 0: rate 0.05");
  }

  @Test
  void termsMissingFromARunShowADash() {
    var a = run("apple:: tart::", 1, 50, List.of(new TermScores.TermScore("apple", 1, 0.6), new TermScores.TermScore("tart", 1, 0.4)));
    var b = run("apple tart", 1, 45, List.of(new TermScores.TermScore("apple tart", 1, 0.45)));
    var rows = RunComparison.scores(List.of(a, b));
    assertThat(rows).extracting(RunComparison.Row::name).containsExactly("Combined", "apple", "tart", "apple tart");
    assertThat(rows.get(1).values()).containsExactly("60", "—");
    assertThat(rows.get(3).values()).containsExactly("—", "45");
    assertThat(rows).allMatch(RunComparison.Row::differs);
  }
}
