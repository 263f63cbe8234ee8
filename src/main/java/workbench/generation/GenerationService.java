package workbench.generation;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Generation for the app: submit a run (validated before any job exists), follow it, cancel
 * it, and read what it made. Submitting returns at once; a worker runs the loop.
 */
@Service
public class GenerationService {

  private final RunStore store;
  private final SchedulerClient scheduler;
  private final ModelHolder models;
  private final GenerationLimits limits;
  private final RunEvents events;

  GenerationService(RunStore store, SchedulerClient scheduler, ModelHolder models, GenerationLimits limits, RunEvents events) {
    this.store = store;
    this.scheduler = scheduler;
    this.models = models;
    this.limits = limits;
    this.events = events;
  }

  /** Checks a request and makes its recipe, or throws with the reason (nothing is queued). */
  public Recipe recipe(RecipeFactory.Request request) {
    return new RecipeFactory(models.get(), limits).recipe(request);
  }

  /** Words of the recipe's terms the checker does not know. */
  public List<String> unknownWords(Recipe recipe) {
    return models.get().unknownWords(recipe.termTexts());
  }

  /**
   * Queues a run; {@code promptVersionId} is the library version it came from, 0 if typed.
   * The run row and its job are written in one transaction.
   */
  @Transactional
  public UUID submit(RecipeFactory.Request request, long promptVersionId) {
    var recipe = recipe(request);
    var id = UUID.randomUUID();
    store.insertQueued(id, recipe, promptVersionId);
    scheduler.scheduleIfNotExists(new TaskInstance<>(RunJob.TASK, id.toString(), id.toString()), Instant.now());
    events.queueChanged();
    return id;
  }

  /** Stops a run at its next step (a queued one at once); it keeps what it made so far. */
  public boolean cancel(UUID runId) {
    boolean asked = store.requestCancel(runId);
    events.queueChanged();
    return asked;
  }

  public Optional<Run> run(UUID runId) {
    return store.find(runId);
  }

  /** Queued and running runs, then the {@code recent} latest finished ones. */
  public List<Run> queue(int recent) {
    return store.queue(recent);
  }

  public Optional<byte[]> image(UUID runId, ImageKind kind) {
    return store.image(runId, kind);
  }

  public List<LoopResult.TraceStep> trace(UUID runId) {
    return store.trace(runId);
  }

  public GenerationLimits limits() {
    return limits;
  }
}
