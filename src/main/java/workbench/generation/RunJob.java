package workbench.generation;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.awt.image.BufferedImage;
import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queued job that runs one recipe through the loop. db-scheduler keeps the queue in
 * PostgreSQL, runs it on its bounded worker pool (never a UI thread), and hands a job whose
 * worker stopped sending heartbeats (a crash, a kill) to a live worker: the run starts again
 * from its seed and, being deterministic, makes the same image.
 */
@Configuration(proxyBeanMethods = false)
class RunJob {

  static final String TASK = "generation-run";
  private static final Logger log = LoggerFactory.getLogger(RunJob.class);

  @Bean
  OneTimeTask<String> generationRunTask(RunExecutor executor) {
    return Tasks.oneTime(TASK, String.class)
        .execute((instance, context) -> executor.execute(UUID.fromString(instance.getData())));
  }

  /** Runs one job: claim, loop with progress, store; a failure is stored as the run's error. */
  @org.springframework.stereotype.Component
  static class RunExecutor {

    private final RunStore store;
    private final ModelHolder models;
    private final RunEvents events;
    private final GenerationLimits limits;
    private final String worker;

    RunExecutor(
        RunStore store,
        ModelHolder models,
        RunEvents events,
        GenerationLimits limits,
        @org.springframework.beans.factory.annotation.Value("${workbench.generation.worker-name:}") String workerName) {
      this.store = store;
      this.models = models;
      this.events = events;
      this.limits = limits;
      this.worker = workerName.isBlank() ? workerName() : workerName;
    }

    void execute(UUID runId) {
      if (!store.claim(runId, worker)) {
        return; // cancelled while queued, or already finished
      }
      events.queueChanged();
      try {
        var run = store.find(runId).orElseThrow();
        var recipe = run.recipe();
        long started = System.currentTimeMillis();
        var listener = new LoopListener() {
          @Override
          public void stepped(int item, int step, int steps, TermScores scores, BufferedImage image) {
            boolean preview = step == 0 || step % limits.previewEvery() == 0 || step == steps;
            byte[] png = preview ? PngMetadata.write(image, Map.of()) : new byte[0];
            if (preview) {
              store.step(runId, step);
            }
            events.progressed(new RunProgressed(runId, step, steps, scores, png, System.currentTimeMillis() - started));
          }

          @Override
          public boolean cancelled(int item) {
            return store.cancelRequested(runId);
          }
        };
        var result = new GenerationLoop(models.get()).run(recipe, listener);
        var texts = RecipeText.pngTexts(recipe);
        store.finish(runId, result,
            PngMetadata.write(result.staticImage(), texts),
            PngMetadata.write(result.raw(), texts),
            PngMetadata.write(result.finalImage(), texts));
        var status = result.outcome() == LoopResult.Outcome.CANCELLED ? RunStatus.CANCELLED : RunStatus.DONE;
        events.finished(new RunFinished(runId, status));
      } catch (RuntimeException e) {
        log.warn("Run {} failed", runId, e);
        store.fail(runId, e.getClass().getSimpleName() + ": " + e.getMessage());
        events.finished(new RunFinished(runId, RunStatus.FAILED));
      }
      events.queueChanged();
    }

    private static String workerName() {
      try {
        return InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
      } catch (Exception e) {
        return "worker/" + ProcessHandle.current().pid();
      }
    }
  }
}
