package workbench.run;

import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import workbench.account.CurrentUser;
import workbench.account.FreeText;
import workbench.account.LimitSettings;
import workbench.loop.InvalidRecipeException;
import workbench.loop.LoopModels;
import workbench.loop.LoopResult;
import workbench.loop.PngMetadata;
import workbench.loop.Recipe;
import workbench.loop.RecipeFactory;
import workbench.model.ModelLoadException;
import workbench.run.internal.ModelHolder;
import workbench.run.internal.RunEventHub;
import workbench.run.internal.RunJob;
import workbench.run.internal.RunStore;

/**
 * Generation for the app: submit a run (validated before any job exists), follow it, cancel
 * it, and read what it made. Submitting returns at once; a worker runs the loop.
 *
 * <p>Viewers read, editors run. Each user may have {@code workbench.limits.max-queued-jobs}
 * jobs waiting or running, and the queue is fair between users: a job's priority is minus
 * the number of runs its user already has queued or running, so one user's grid does not
 * hold back another user's single image. Workers call {@link RunStore} directly (no user).
 */
@Service
@PreAuthorize("hasRole('VIEWER')")
public class GenerationService {

  private final RunStore store;
  private final SchedulerClient scheduler;
  private final ModelHolder models;
  private final GenerationLimits limits;
  private final RunEventHub events;
  private final CurrentUser currentUser;
  private final LimitSettings userLimits;
  private final List<RunGrouping> groupings;

  GenerationService(RunStore store, SchedulerClient scheduler, ModelHolder models, GenerationLimits limits, RunEventHub events,
      CurrentUser currentUser, LimitSettings userLimits, List<RunGrouping> groupings) {
    this.store = store;
    this.scheduler = scheduler;
    this.models = models;
    this.limits = limits;
    this.events = events;
    this.currentUser = currentUser;
    this.userLimits = userLimits;
    this.groupings = List.copyOf(groupings);
  }

  /** Checks a request and makes its recipe, or throws with the reason (nothing is queued). */
  public Recipe recipe(RecipeFactory.Request request) {
    userLimits.promptTooLong(request.prompt()).ifPresent(message -> {
      throw new InvalidRecipeException("prompt", message);
    });
    FreeText.characters("The prompt", request.prompt()).ifPresent(message -> {
      throw new InvalidRecipeException("prompt", message);
    });
    FreeText.characters("The negative prompt", request.negativePrompt()).ifPresent(message -> {
      throw new InvalidRecipeException("negativePrompt", message);
    });
    return new RecipeFactory(models(request.model()), limits.maxSteps()).recipe(request);
  }

  /** The models a run can use, for the model pickers (built-in first). */
  public List<ModelChoice> models() {
    return models.choices();
  }

  /** Folders of {@code workbench.models.dir} that were left out, each with its reason. */
  public List<String> modelProblems() {
    return models.problems();
  }

  private LoopModels models(String modelId) {
    try {
      return models.get(modelId);
    } catch (ModelLoadException | IllegalArgumentException e) {
      throw new InvalidRecipeException("model", e.getMessage());
    }
  }

  /**
   * Refuses (with the limit and its setting in the message) when the caller's queue has no
   * room for {@code jobs} more jobs; a grid checks all its batches before queuing any.
   */
  public void checkQueueRoom(int jobs) {
    var owner = currentUser.ownerIdForNew();
    if (owner != null) {
      userLimits.queueFull(activeJobs(owner), jobs).ifPresent(message -> {
        throw new InvalidRecipeException("queue", message);
      });
    }
  }

  /**
   * Jobs of {@code owner} still in the queue (waiting or executing), asked of db-scheduler's own
   * client: a job is named after its (first) run and stays scheduled until it has finished.
   */
  private long activeJobs(long owner) {
    var firstRuns = new ArrayList<UUID>();
    for (var task : List.of(RunJob.TASK, RunJob.BATCH_TASK)) {
      scheduler.fetchScheduledExecutionsForTask(task, Object.class, ScheduledExecutionsFilter.all(),
          execution -> firstRuns.add(UUID.fromString(execution.getTaskInstance().getId())));
    }
    return store.countOwned(firstRuns, owner);
  }

  /**
   * Refuses a library version the caller may not read, with the same message whether it is
   * someone else's or does not exist (ids come from URLs and imported files). 0 is "typed".
   */
  public void checkPromptVersion(long promptVersionId) {
    if (promptVersionId != 0 && !store.versionReadable(promptVersionId, currentUser.id(), currentUser.admin())) {
      throw new InvalidRecipeException("promptVersionId",
          "There is no prompt version " + promptVersionId + " in a library you may read");
    }
  }

  /** Minus the caller's runs already queued or running (db-scheduler runs higher first). */
  private int fairPriority() {
    var owner = currentUser.ownerIdForNew();
    long active = owner == null ? 0 : store.activeRuns(owner);
    return (int) -Math.min(active, Short.MAX_VALUE);
  }

  /** Words of the recipe's terms the checker does not know. */
  public List<String> unknownWords(Recipe recipe) {
    return models(recipe.modelId()).unknownWords(recipe.termTexts());
  }

  /**
   * Queues a run; {@code promptVersionId} is the library version it came from, 0 if typed.
   * The run row and its job are written in one transaction.
   */
  @Transactional
  @PreAuthorize("hasRole('EDITOR')")
  public UUID submit(RecipeFactory.Request request, long promptVersionId) {
    var recipe = recipe(request);
    checkPromptVersion(promptVersionId);
    checkQueueRoom(1);
    int priority = fairPriority();
    var id = UUID.randomUUID();
    store.insertQueued(id, recipe, promptVersionId, currentUser.ownerIdForNew());
    var data = id.toString();
    scheduler.scheduleIfNotExists(new TaskInstance<>(RunJob.TASK, id.toString(), () -> data, priority), Instant.now());
    events.queueChanged();
    return id;
  }

  /**
   * Queues runs that go through the networks together (they must share process, steps and
   * upscale, as a grid's cells do). All are checked first: one bad request queues nothing.
   */
  @Transactional
  @PreAuthorize("hasRole('EDITOR')")
  public List<UUID> submitBatch(List<RecipeFactory.Request> requests, List<Long> promptVersionIds) {
    var recipes = requests.stream().map(this::recipe).toList();
    promptVersionIds.stream().distinct().forEach(this::checkPromptVersion);
    var first = recipes.get(0);
    for (var r : recipes) {
      if (!r.process().equals(first.process()) || r.steps() != first.steps() || r.upscale() != first.upscale()
          || !r.modelId().equals(first.modelId())) {
        throw new InvalidRecipeException("batch", "A batch shares model, process, steps and upscale");
      }
    }
    checkQueueRoom(1);
    int priority = fairPriority();
    var owner = currentUser.ownerIdForNew();
    var ids = new ArrayList<UUID>();
    for (int i = 0; i < recipes.size(); i++) {
      var id = UUID.randomUUID();
      store.insertQueued(id, recipes.get(i), promptVersionIds.get(i), owner);
      ids.add(id);
    }
    var data = String.join(",", ids.stream().map(UUID::toString).toList());
    scheduler.scheduleIfNotExists(
        new TaskInstance<>(RunJob.BATCH_TASK, ids.get(0).toString(), () -> data, priority), Instant.now());
    events.queueChanged();
    return ids;
  }

  /**
   * Stops a run at its next step (a queued one at once); it keeps what it made so far. Only
   * the run's owner or an admin may.
   */
  @PreAuthorize("hasRole('EDITOR')")
  public boolean cancel(UUID runId) {
    if (!visible(runId)) {
      return false;
    }
    if (!currentUser.canChange(store.owner(runId).orElse(null))) {
      throw new AccessDeniedException("Only the user who started run " + runId + " or an admin may cancel it");
    }
    boolean asked = store.requestCancel(runId);
    events.queueChanged();
    return asked;
  }

  /** A run the caller may see (its library and grid are readable to them), else empty. */
  public Optional<Run> run(UUID runId) {
    return visible(runId) ? store.find(runId) : Optional.empty();
  }

  /** Queued and running runs, then the {@code recent} latest finished ones, that the caller may see. */
  public List<Run> queue(int recent) {
    return store.queue(recent, currentUser.id(), currentUser.admin());
  }

  /**
   * A run's image for whoever may see the run, or for anyone when the run is a cell of a
   * public grid (its permalink opens without signing in, images included).
   */
  @PreAuthorize("permitAll()")
  public Optional<byte[]> image(UUID runId, ImageKind kind) {
    return mayViewImages(runId) ? store.image(runId, kind) : Optional.empty();
  }

  /**
   * A run's snapshots by step (while it runs: those kept so far), for whoever may see its
   * images (see {@link #image}); empty for a run the caller may not see.
   */
  @PreAuthorize("permitAll()")
  public List<RunSnapshot> snapshots(UUID runId) {
    if (!mayViewImages(runId)) {
      return List.of();
    }
    return store.find(runId).map(run -> store.snapshots(runId, run.recipe())).orElse(List.of());
  }

  /** A run for whoever may see its images (its permalink's viewers too, as {@link #image}). */
  @PreAuthorize("permitAll()")
  public Optional<Run> runForImages(UUID runId) {
    return mayViewImages(runId) ? store.find(runId) : Optional.empty();
  }

  private boolean mayViewImages(UUID runId) {
    return currentUser.signedIn() ? visible(runId) : groupings.stream().anyMatch(g -> g.openToEveryone(runId));
  }

  public List<LoopResult.TraceStep> trace(UUID runId) {
    return visible(runId) ? store.trace(runId) : List.of();
  }

  private boolean visible(UUID runId) {
    return currentUser.admin() || store.visible(runId, currentUser.id());
  }

  /**
   * Scores finished runs' raw images against any terms (not only their own prompt's): how a
   * grid measures "hand" on every cell. Runs without an image, or that the caller may not
   * see (as for {@link #image}), are left out.
   */
  @PreAuthorize("permitAll()")
  public Map<UUID, double[]> similarities(List<UUID> runIds, List<String> terms) {
    return similarities(runIds, terms, "");
  }

  /** As {@link #similarities(List, List)}, scored by the checker of {@code modelId} (empty = built-in). */
  @PreAuthorize("permitAll()")
  public Map<UUID, double[]> similarities(List<UUID> runIds, List<String> terms, String modelId) {
    var ids = new ArrayList<UUID>();
    var images = new ArrayList<BufferedImage>();
    for (var id : runIds) {
      image(id, ImageKind.RAW).ifPresent(png -> {
        ids.add(id);
        images.add(PngMetadata.decode(png));
      });
    }
    var out = new HashMap<UUID, double[]>();
    if (images.isEmpty() || terms.isEmpty()) {
      return out;
    }
    var cos = models(modelId).similarity(images, terms);
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
