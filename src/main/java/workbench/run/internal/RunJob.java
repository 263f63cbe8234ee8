package workbench.run.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerStarter;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.awt.image.BufferedImage;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import workbench.loop.GenerationLoop;
import workbench.loop.LoopListener;
import workbench.loop.LoopModels;
import workbench.loop.LoopResult;
import workbench.loop.PngMetadata;
import workbench.loop.Recipe;
import workbench.loop.RecipeText;
import workbench.loop.TermScores;
import workbench.model.ModelLoadException;
import workbench.run.GenerationLimits;
import workbench.run.Run;
import workbench.run.RunFinished;
import workbench.run.RunProgressed;
import workbench.run.RunStatus;
import workbench.run.SnapshotSettings;

/**
 * The queued job that runs one recipe through the loop. db-scheduler keeps the queue in
 * PostgreSQL, runs it on its bounded worker pool (never a UI thread), and hands a job whose
 * worker stopped sending heartbeats (a crash, a kill) to a live worker: the run starts again
 * from its seed and, being deterministic, makes the same image. Any number of instances share
 * the queue; those with {@code workbench.role=ui} queue jobs but run none.
 */
@Configuration(proxyBeanMethods = false)
public class RunJob {

  public static final String TASK = "generation-run";
  public static final String BATCH_TASK = "generation-batch";
  private static final Logger log = LoggerFactory.getLogger(RunJob.class);

  /**
   * A {@code ui} node keeps the queue's scheduler (it queues jobs through it, and its
   * housekeeping revives a dead worker's job for the workers) but paused from the start: it
   * never picks a job. Other roles start it as db-scheduler's own starter would.
   */
  @Bean
  @ConditionalOnProperty(name = "workbench.role", havingValue = "ui")
  DbSchedulerStarter uiNodeRunsNoJobs(
      Scheduler scheduler) {
    return new PausedStart(scheduler);
  }

  private static final class PausedStart implements DbSchedulerStarter {
    private final Scheduler scheduler;

    PausedStart(Scheduler scheduler) {
      this.scheduler = scheduler;
      doStart();
    }

    @Override
    public void doStart() {
      log.info("workbench.role=ui: this node queues generation jobs and runs none");
      scheduler.pause();
      scheduler.start();
    }
  }

  @Bean
  OneTimeTask<String> generationRunTask(RunExecutor executor) {
    return Tasks.oneTime(TASK, String.class)
        .execute((instance, context) -> executor.execute(List.of(UUID.fromString(instance.getData()))));
  }

  /** Several runs that share process, schedule and size, through the networks together (grids). */
  @Bean
  OneTimeTask<String> generationBatchTask(RunExecutor executor) {
    return Tasks.oneTime(BATCH_TASK, String.class)
        .execute((instance, context) -> executor.execute(
            Arrays.stream(instance.getData().split(",")).map(UUID::fromString).toList()));
  }

  /** Runs one job: claim, loop with progress, store; a failure is stored as the run's error. */
  @Component
  public static class RunExecutor {

    private final RunStore store;
    private final ModelHolder models;
    private final RunEventHub events;
    private final GenerationLimits limits;
    private final SnapshotSettings snapshots;
    private final String worker;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    RunExecutor(
        RunStore store,
        ModelHolder models,
        RunEventHub events,
        GenerationLimits limits,
        SnapshotSettings snapshots,
        @Value("${workbench.generation.worker-name:}") String workerName) {
      this.store = store;
      this.models = models;
      this.events = events;
      this.limits = limits;
      this.snapshots = snapshots;
      this.worker = workerName.isBlank() ? workerName() : workerName;
    }

    /** Runs this worker is executing now (for its heartbeat row). */
    List<UUID> running() {
      return List.copyOf(running);
    }

    String worker() {
      return worker;
    }

    /** Claims the runs still to do and runs them as one batch; each is stored on its own. */
    public void execute(List<UUID> runIds) {
      var claimed = new ArrayList<UUID>();
      var attempts = new ArrayList<Integer>();
      for (var id : runIds) {
        // The others were cancelled while queued, or finished (stored before a kill, say).
        store.claim(id, worker).ifPresent(attempt -> {
          claimed.add(id);
          attempts.add(attempt);
        });
      }
      if (claimed.isEmpty()) {
        return;
      }
      running.addAll(claimed);
      try {
        execute(claimed, attempts);
      } finally {
        running.removeAll(claimed);
      }
    }

    private void execute(List<UUID> claimed, List<Integer> attempts) {
      events.queueChanged();
      try {
        var recipes = claimed.stream().map(id -> store.find(id).orElseThrow().recipe()).toList();
        long started = System.currentTimeMillis();
        // The latest step each item showed, and the latest kept: a run that stops early or is
        // cancelled keeps its last step too, so every journey ends at its image done.
        var seen = new Seen[claimed.size()];
        var kept = new int[claimed.size()];
        Arrays.fill(kept, -1);
        var listener = new LoopListener() {
          @Override
          public void stepped(int item, int step, int steps, TermScores scores, BufferedImage image,
              @Nullable Supplier<BufferedImage> noisy) {
            var runId = claimed.get(item);
            boolean preview = step == 0 || step % limits.previewEvery() == 0 || step == steps;
            byte[] png = preview ? PngMetadata.write(image, Map.of()) : new byte[0];
            if (preview) {
              store.step(runId, step);
            }
            seen[item] = new Seen(step, scores, image, noisy);
            if (snapshots.keeps(step, steps)) {
              keep(runId, attempts.get(item), seen[item]);
              kept[item] = step;
            }
            events.progressed(new RunProgressed(runId, step, steps, scores, png, System.currentTimeMillis() - started));
          }

          @Override
          public boolean cancelled(int item) {
            return store.cancelRequested(claimed.get(item));
          }
        };
        var results = new GenerationLoop(modelsFor(recipes)).run(recipes, listener);
        for (int i = 0; i < results.size(); i++) {
          var result = results.get(i);
          var recipe = result.recipe();
          if (seen[i] != null && seen[i].step() != kept[i]) {
            keep(claimed.get(i), attempts.get(i), seen[i]);
          }
          // Each image says its own size in its A1111 "Size" (issue 19: 64x64 on a 256×256 PNG).
          boolean stored = store.finish(claimed.get(i), attempts.get(i), result,
              PngMetadata.write(result.staticImage(), RecipeText.pngTexts(recipe, result.staticImage())),
              PngMetadata.write(result.raw(), RecipeText.pngTexts(recipe, result.raw())),
              PngMetadata.write(result.finalImage(), RecipeText.pngTexts(recipe, result.finalImage())));
          if (!stored) {
            log.warn("Run {} was taken over by another worker while this one ran it; its result is theirs", claimed.get(i));
            continue;
          }
          var status = result.outcome() == LoopResult.Outcome.CANCELLED ? RunStatus.CANCELLED : RunStatus.DONE;
          events.finished(new RunFinished(claimed.get(i), status));
        }
      } catch (RuntimeException e) {
        log.warn("Runs {} failed", claimed, e);
        for (int i = 0; i < claimed.size(); i++) {
          if (store.fail(claimed.get(i), attempts.get(i), e.getClass().getSimpleName() + ": " + e.getMessage())) {
            events.finished(new RunFinished(claimed.get(i), RunStatus.FAILED));
          }
        }
      }
      events.queueChanged();
    }

    /** One step as the loop showed it: the noisy image, where the process has one, beside the scored one. */
    private record Seen(int step, TermScores scores, BufferedImage image, @Nullable Supplier<BufferedImage> noisy) {}

    /**
     * Keeps a step's snapshot: the image at that step (diffusion's noisy one) and, where there
     * is one, the prediction of the final image the check output scored. Raw 64×64 pixels, no
     * text chunks: the recipe is the run's, and exports write it.
     */
    private void keep(UUID runId, int attempt, Seen step) {
      var noisy = step.noisy() == null ? null : step.noisy().get();
      byte[] png = PngMetadata.write(noisy != null ? noisy : step.image(), Map.of());
      byte[] predicted = noisy != null ? PngMetadata.write(step.image(), Map.of()) : null;
      store.snapshot(runId, attempt, step.step(), step.scores(), png, predicted);
    }

    /**
     * The models the recipes name; a recipe whose weights hash is not that of the models now
     * in the folder fails with both hashes (the image could not be made again).
     */
    private LoopModels modelsFor(List<Recipe> recipes) {
      var first = recipes.get(0);
      var loaded = models.get(first.modelId());
      for (var r : recipes) {
        if (!r.modelId().equals(first.modelId())) {
          throw new IllegalArgumentException("a batch shares its model; got " + first.modelId() + " and " + r.modelId());
        }
        if (!r.weightsSha256().equals(loaded.weightsSha256())) {
          throw new ModelLoadException("the recipe asks for model " + r.modelId() + " with weights sha256 "
              + r.weightsSha256() + " but the loaded weights have sha256 " + loaded.weightsSha256());
        }
      }
      return loaded;
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
