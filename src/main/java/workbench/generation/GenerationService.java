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

  /**
   * Queues runs that go through the networks together (they must share process, steps and
   * upscale, as a grid's cells do). All are checked first: one bad request queues nothing.
   */
  @Transactional
  public List<UUID> submitBatch(List<RecipeFactory.Request> requests, List<Long> promptVersionIds) {
    var recipes = requests.stream().map(this::recipe).toList();
    var first = recipes.get(0);
    for (var r : recipes) {
      if (!r.process().equals(first.process()) || r.steps() != first.steps() || r.upscale() != first.upscale()) {
        throw new InvalidRecipeException("batch", "A batch shares process, steps and upscale");
      }
    }
    var ids = new java.util.ArrayList<UUID>();
    for (int i = 0; i < recipes.size(); i++) {
      var id = UUID.randomUUID();
      store.insertQueued(id, recipes.get(i), promptVersionIds.get(i));
      ids.add(id);
    }
    var data = String.join(",", ids.stream().map(UUID::toString).toList());
    scheduler.scheduleIfNotExists(new TaskInstance<>(RunJob.BATCH_TASK, ids.get(0).toString(), data), Instant.now());
    events.queueChanged();
    return ids;
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

  /**
   * Scores finished runs' raw images against any terms (not only their own prompt's): how a
   * grid measures "hand" on every cell. Runs without an image are left out.
   */
  public java.util.Map<UUID, double[]> similarities(List<UUID> runIds, List<String> terms) {
    var ids = new java.util.ArrayList<UUID>();
    var images = new java.util.ArrayList<java.awt.image.BufferedImage>();
    for (var id : runIds) {
      store.image(id, ImageKind.RAW).ifPresent(png -> {
        ids.add(id);
        images.add(PngMetadata.decode(png));
      });
    }
    var out = new java.util.HashMap<UUID, double[]>();
    if (images.isEmpty() || terms.isEmpty()) {
      return out;
    }
    var cos = models.get().similarity(images, terms);
    for (int i = 0; i < ids.size(); i++) {
      var row = new double[terms.size()];
      for (int t = 0; t < row.length; t++) {
        row[t] = cos[i][t];
      }
      out.put(ids.get(i), row);
    }
    return out;
  }

  public GenerationLimits limits() {
    return limits;
  }
}
