package workbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.DatabaseTest;
import workbench.loop.InvalidRecipeException;
import workbench.loop.PngMetadata;
import workbench.loop.RecipeFactory;
import workbench.loop.RecipeText;
import workbench.loop.TermScores;
import workbench.prompt.PromptSyntaxException;
import workbench.shared.Sha256;

/** Runs through the app: queued in PostgreSQL, run by a worker, stored with everything. */
class GenerationServiceTest extends DatabaseTest {

  @Autowired GenerationService generation;
  @Autowired JdbcClient jdbc;
  @Autowired RunEvents events;

  static RecipeFactory.Request request(String prompt, long seed, int steps) {
    return new RecipeFactory.Request(prompt, "", seed, steps, "guided", 4);
  }

  Run awaitFinished(UUID id) {
    return RunWaits.finished(generation, id);
  }

  /** One damaged row (a recipe written by hand) is left out of the queue; the others are still listed. */
  @Test
  void aRunWhoseRecipeCannotBeReadDoesNotTakeTheQueueDown() {
    var readable = workbench.gallery.StoredRuns.finished(jdbc, workbench.gallery.StoredRuns.recipe("a red apple", 7, 3),
        RunStatus.DONE, 60);
    var damaged = workbench.gallery.StoredRuns.finished(jdbc, workbench.gallery.StoredRuns.recipe("a blue ball", 8, 3),
        RunStatus.DONE, 40);
    jdbc.sql("update run set recipe_json = '{}' where id = ?").params(damaged).update();

    var listed = generation.queue(50).stream().map(Run::id).toList();
    assertThat(listed).contains(readable).doesNotContain(damaged);
  }

  @Test
  void aRunIsStoredWithEverythingItMade() throws Exception {
    var progressed = new AtomicInteger();
    var stop = events.listen(new RunEvents.Listener() {
      @Override
      public void progressed(RunProgressed event) {
        progressed.incrementAndGet();
      }
    });
    try {
      var id = generation.submit(request("red apple:: table::0.5", 42, 6), 0);
      var run = awaitFinished(id);

      assertThat(run.status()).isEqualTo(RunStatus.DONE);
      assertThat(run.step()).isEqualTo(6);
      assertThat(run.scoreInitial()).isPresent();
      assertThat(run.scoreFinal()).isPresent();
      assertThat(run.terms()).extracting(TermScores.TermScore::text).containsExactly("red apple", "table");
      assertThat(generation.trace(id)).hasSize(7);
      assertThat(progressed.get()).isEqualTo(7);
      for (var kind : ImageKind.values()) {
        var png = generation.image(id, kind).orElseThrow();
        assertThat(RecipeText.fromJson(PngMetadata.read(png).get(RecipeText.RECIPE_KEY))).isEqualTo(run.recipe());
      }
      var sha = jdbc.sql("select sha256 from image where run_id = ? and kind = 'FINAL'").params(id).query(String.class).single();
      assertThat(sha).isEqualTo(Sha256.hex(generation.image(id, ImageKind.FINAL).orElseThrow()));
      assertThat(PngMetadata.size(generation.image(id, ImageKind.FINAL).orElseThrow())).containsExactly(256, 256);
    } finally {
      stop.run();
    }
  }

  @Test
  void badInputIsRefusedAndNoJobIsCreated() {
    long before = runCount();
    assertThatThrownBy(() -> generation.submit(request("apple:: tart::2x", 1, 5), 0))
        .isInstanceOf(PromptSyntaxException.class)
        .hasMessageContaining("column 15");
    assertThatThrownBy(() -> generation.submit(request("apple", 1L << 32, 5), 0))
        .isInstanceOf(InvalidRecipeException.class).hasMessageContaining("Seed 4294967296 is outside");
    assertThatThrownBy(() -> generation.submit(request("apple", 1, 100_000), 0))
        .isInstanceOf(InvalidRecipeException.class).hasMessageContaining("Steps must be 1 … 200");
    assertThatThrownBy(() -> generation.submit(new RecipeFactory.Request("apple", "", 1, 5, "dream", 4), 0))
        .isInstanceOf(InvalidRecipeException.class).hasMessageContaining("Unknown art process 'dream'");
    assertThat(runCount()).isEqualTo(before);
  }

  @Test
  void unknownWordsAreNamedAndTheRunStillGoes() throws Exception {
    var recipe = generation.recipe(request("a red zeppelin", 3, 2));
    assertThat(generation.unknownWords(recipe)).contains("zeppelin");
    var run = awaitFinished(generation.submit(request("a red zeppelin", 3, 2), 0));
    assertThat(run.status()).isEqualTo(RunStatus.DONE);
  }

  @Test
  void cancelKeepsWhatWasMadeMarkedCancelled() throws Exception {
    var id = generation.submit(request("a green tree", 8, 150), 0);
    RunWaits.until("run " + id + " at step 5", RunWaits.LIMIT, () -> generation.run(id).orElseThrow().step() >= 5);
    assertThat(generation.cancel(id)).isTrue();
    var run = awaitFinished(id);
    assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(run.step()).isBetween(5, 149);
    assertThat(generation.image(id, ImageKind.FINAL)).isPresent();
  }

  private long runCount() {
    return jdbc.sql("select count(*) from run").query(Long.class).single();
  }
}
