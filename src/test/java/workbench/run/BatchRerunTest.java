package workbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.DatabaseTest;
import workbench.loop.GenerationLoop;
import workbench.loop.LoopListener;
import workbench.loop.PngMetadata;
import workbench.run.internal.ModelHolder;
import workbench.run.internal.RunJob;
import workbench.run.internal.RunStore;

/**
 * A grid batch run again (its worker was killed, the queue revived the job) stores only what
 * was not stored yet, and a worker that lost its run to another stores nothing.
 */
class BatchRerunTest extends DatabaseTest {

  @Autowired GenerationService generation;
  @Autowired RunJob.RunExecutor executor;
  @Autowired RunStore store;
  @Autowired ModelHolder models;
  @Autowired RunEvents events;
  @Autowired JdbcClient jdbc;

  private List<UUID> finishedBatch() throws InterruptedException {
    var requests = List.of(RunQueueTest.request(501), RunQueueTest.request(502));
    var ids = generation.submitBatch(requests, List.of(0L, 0L));
    RunWaits.until("the batch done", RunWaits.LIMIT,
        () -> ids.stream().allMatch(id -> store.find(id).orElseThrow().status() == RunStatus.DONE));
    return ids;
  }

  private List<Long> imageIds(UUID run) {
    return jdbc.sql("select id from image where run_id = ? order by id").params(run).query(Long.class).list();
  }

  private int attempts(UUID run) {
    return jdbc.sql("select attempts from run where id = ?").params(run).query(Integer.class).single();
  }

  @Test
  void aBatchRunAgainSkipsTheCellsAlreadyStoredAndRunsTheOthersOnce() throws Exception {
    var ids = finishedBatch();
    var kept = ids.get(0);
    var lost = ids.get(1);
    var keptImages = imageIds(kept);
    // As after a kill: the second cell was claimed by a worker that died before storing it.
    jdbc.sql("update run set status = 'RUNNING', worker = 'dead', score_final = null where id = ?").params(lost).update();
    jdbc.sql("delete from image where run_id = ?").params(lost).update();
    jdbc.sql("delete from step_trace where run_id = ?").params(lost).update();
    jdbc.sql("delete from term_score where run_id = ?").params(lost).update();
    var ended = new ConcurrentLinkedQueue<RunFinished>();
    var stop = events.listen(new RunEvents.Listener() {
      @Override
      public void finished(RunFinished event) {
        ended.add(event);
      }
    });
    try {
      executor.execute(ids); // the revived job: the same list of runs
    } finally {
      stop.run();
    }

    assertThat(imageIds(kept)).as("the stored cell is left as it was").isEqualTo(keptImages);
    assertThat(attempts(kept)).isEqualTo(1);
    assertThat(attempts(lost)).isEqualTo(2);
    assertThat(store.find(lost).orElseThrow().status()).isEqualTo(RunStatus.DONE);
    assertThat(imageIds(lost)).hasSize(3);
    assertThat(jdbc.sql("select count(*) from step_trace where run_id = ?").params(lost).query(Long.class).single())
        .isEqualTo(4);
    assertThat(ended).containsExactly(new RunFinished(lost, RunStatus.DONE));
  }

  @Test
  void aWorkerThatLostItsRunToAnotherStoresNothing() throws Exception {
    var run = finishedBatch().get(0);
    jdbc.sql("update run set status = 'QUEUED' where id = ?").params(run).update();
    int late = store.claim(run, "presumed-dead").orElseThrow();
    int current = store.claim(run, "took-over").orElseThrow(); // the queue revived the job
    assertThat(current).isEqualTo(late + 1);
    var recipe = store.find(run).orElseThrow().recipe();
    var result = new GenerationLoop(models.get()).run(List.of(recipe), LoopListener.NONE).get(0);
    var png = PngMetadata.write(result.finalImage(), Map.of());

    assertThat(store.finish(run, late, result, png, png, png)).isFalse();
    assertThat(imageIds(run)).isEmpty();
    assertThat(store.find(run).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(store.fail(run, late, "late")).isFalse();

    assertThat(store.finish(run, current, result, png, png, png)).isTrue();
    assertThat(imageIds(run)).hasSize(3);
    assertThat(store.find(run).orElseThrow().status()).isEqualTo(RunStatus.DONE);
  }
}
