package workbench.run.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import workbench.library.LibraryService;
import workbench.loop.InvalidRecipeException;
import workbench.loop.RecallException;
import workbench.loop.RecalledRecipe;
import workbench.loop.RecipeFactory;
import workbench.loop.SeedStatic;
import workbench.model.ModelLoadException;
import workbench.prompt.PromptSyntaxException;
import workbench.run.GenerationService;
import workbench.run.RecipeRecall;
import workbench.run.Run;
import workbench.run.RunEvents;
import workbench.run.RunStatus;
import workbench.ui.Notifications;

/**
 * The generate page: the form on the left, the followed run (live, then its result) and the
 * queue on the right. Which run it follows is in the address ({@code generate?run=…}), and
 * without one it follows the newest active run, so a reload or a second tab shows the same job.
 * Links from the gallery fill the form: {@code prompt}, {@code dialect}, {@code version},
 * {@code seed}, {@code steps}, {@code model}, {@code process}, {@code upscale}.
 */
@Route("generate")
@RolesAllowed("EDITOR")
@PageTitle("Generate · Prompt Workbench")
@Menu(title = "Generate", order = 0, icon = "vaadin:magic")
public class GenerateView extends VerticalLayout implements BeforeEnterObserver {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final GenerationService generation;
  private final LibraryService libraries;
  private final RecipeRecall recall;
  final GenerateForm form;
  final RunMonitor monitor;
  final QueuePanel queue;
  final Div result = new Div();
  /** Finished runs shown on this page, newest last: what "Open in compare" pairs with. */
  private final List<UUID> finishedHere = new ArrayList<>();

  public GenerateView(GenerationService generation, RunEvents events, LibraryService libraries, RecipeRecall recall) {
    this.generation = generation;
    this.libraries = libraries;
    this.recall = recall;
    addClassName("generate-view");
    form = new GenerateForm(libraries, generation.limits(), recall.settings().maxUploadSize().toBytes());
    form.setModels(generation.models());
    monitor = new RunMonitor(generation, events);
    queue = new QueuePanel(generation, events);
    result.addClassName("generate-result");
    result.setId("run-result");

    form.addGenerateListener(e -> start(e.request(), e.promptVersionId()));
    form.addRecallListener(this::recalled);
    monitor.addRunEndedListener(e -> showResult(e.run()));
    queue.addFollowRunListener(e -> follow(e.runId()));

    var left = new VerticalLayout(new H2("Generate"), form);
    left.addClassName("generate-left");
    left.setPadding(false);
    var right = new VerticalLayout(monitor, result, queue);
    right.addClassName("generate-right");
    right.setPadding(false);
    var columns = new HorizontalLayout(left, right);
    columns.addClassName("generate-columns");
    columns.setWidthFull();
    columns.setWrap(true);
    add(columns);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    var q = event.getLocation().getQueryParameters();
    first(q, "prompt").ifPresent(prompt -> form.fillPrompt(prompt, first(q, "dialect").orElse(""),
        first(q, "version").map(GenerateView::parseLong).orElse(0L)));
    first(q, "seed").map(GenerateView::parseLong).ifPresent(form::fillSeed);
    first(q, "steps").map(GenerateView::parseLong).ifPresent(s -> form.steps.setValue((int) Math.min(s, Integer.MAX_VALUE)));
    first(q, "upscale").map(GenerateView::parseLong).ifPresent(u -> form.upscale.setValue(u.intValue()));
    first(q, "model").ifPresent(form::selectModel);
    first(q, "process").ifPresent(form::selectProcess);
    first(q, "negative").ifPresent(form.negativePrompt::setValue);
    first(q, "cfg").map(GenerateView::parseDouble).ifPresent(form.cfgScale::setValue);
    var run = first(q, "run").flatMap(GenerateView::parseUuid);
    if (run.isPresent()) {
      if (monitor.follow(run.get()).isEmpty()) {
        Notifications.error("There is no run " + run.get());
      }
    } else {
      // A second tab (or a reload without the address) finds the job already running.
      generation.queue(0).stream().filter(r -> !r.status().finished()).reduce((a, b) -> b)
          .ifPresent(r -> monitor.follow(r.id()));
    }
  }

  /** Checks, warns about unknown words, queues, and follows the new run. */
  void start(RecipeFactory.Request request, long promptVersionId) {
    try {
      var recipe = generation.recipe(request);
      var unknown = generation.unknownWords(recipe);
      var id = generation.submit(request, promptVersionId);
      form.submitted();
      form.showWarning(unknown.isEmpty() ? ""
          : "Unknown to the model, so they count for nothing: " + String.join(", ", unknown) + ". The run goes ahead.");
      follow(id);
    } catch (InvalidRecipeException e) {
      form.showError(e.field(), e.getMessage());
    } catch (PromptSyntaxException e) {
      form.showError("prompt", "Prompt: " + e.messageWithColumn());
    } catch (ModelLoadException e) {
      form.showError("", "The models could not be loaded, so nothing can run: " + e.getMessage());
    }
  }

  void follow(UUID runId) {
    result.removeAll();
    monitor.follow(runId);
    getUI().ifPresent(ui -> ui.getPage().getHistory()
        .replaceState(null, new Location("generate", QueryParameters.of("run", runId.toString()))));
  }

  private void showResult(Run run) {
    result.removeAll();
    if (run.status() == RunStatus.FAILED) {
      return; // the monitor's status line says why
    }
    var others = new ArrayList<>(finishedHere);
    others.remove(run.id());
    if (others.isEmpty()) {
      generation.queue(QueuePanel.RECENT).stream()
          .filter(r -> r.status().finished() && !r.id().equals(run.id())).findFirst().ifPresent(r -> others.add(r.id()));
    }
    var view = new RunResult(run, generation, libraries,
        others.isEmpty() ? List.of() : List.of(others.get(others.size() - 1)));
    view.addRunActionListener(e -> {
      var r = e.run().recipe();
      long seed = e.action() == RunActionEvent.Action.VARY_SEED ? RANDOM.nextLong(SeedStatic.MAX_SEED + 1) : r.seed();
      start(RecipeFactory.Request.of(r.withSeed(seed)), e.run().promptVersionId());
    });
    result.add(view);
    finishedHere.remove(run.id());
    finishedHere.add(run.id());
    queue.refresh();
  }

  private void recalled(RecallEvent event) {
    try {
      var recalled = recall.recall(event.fileName(), event.png(), form.currentOrDefaults());
      form.fill(recalled.request(), 0);
      var source = recalled.source() == RecalledRecipe.Source.WORKBENCH
          ? "the workbench recipe" : "its " + recalled.source().tool() + " metadata";
      form.showWarning(recalled.notes().isEmpty() ? "" : "From " + event.fileName() + ": " + String.join("; ", recalled.notes()));
      Notifications.success("Filled from " + source + " in " + event.fileName());
    } catch (RecallException e) {
      form.showError("recall", e.getMessage());
    }
    form.recall.clearFileList();
  }

  private static @Nullable Double parseDouble(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return null; // the field stays empty: the model's own
    }
  }

  private static Optional<String> first(QueryParameters q, String name) {
    return q.getSingleParameter(name).filter(s -> !s.isBlank());
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Optional<UUID> parseUuid(String s) {
    try {
      return Optional.of(UUID.fromString(s.strip()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
