package workbench.grid.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.scheduling.TaskScheduler;
import workbench.account.Visibility;
import workbench.account.ui.ShareDialog;
import workbench.grid.Experiment;
import workbench.grid.ExperimentDefinition;
import workbench.grid.ExperimentResult;
import workbench.grid.GridService;
import workbench.grid.InvalidExperimentException;
import workbench.grid.export.GridTables;
import workbench.run.GenerationService;
import workbench.run.RunEvents;
import workbench.run.RunFinished;
import workbench.ui.Markdown;
import workbench.ui.Notifications;
import workbench.ui.SecuredAccess;

/**
 * An experiment: run or resume it, cancel it, watch cells fill in as they finish (pushed),
 * read the heatmap and the verdicts, write the technique's notes, and export for the wiki.
 */
@Route("grids/:id")
@PermitAll
public class GridView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

  private final GridService grids;
  private final RunEvents events;
  private final H2 heading = new H2();
  final Button run = new Button("Run", VaadinIcon.PLAY.create(), e -> start());
  final Button cancel = new Button("Cancel", VaadinIcon.STOP.create(), e -> cancel());
  private final Button share = new Button("Share…", VaadinIcon.USERS.create(), e -> openShare());
  private final Button saveNotes = new Button("Save notes", e -> saveNotes());
  private Experiment experiment = new Experiment(id(), emptyDefinition(), Instant.EPOCH);
  final ResultPanel results;
  final TextArea wikitext = new TextArea("Wikitext (copy into the wiki page)");
  final TextArea notes = new TextArea("Notes (Markdown): the technique write-up");
  private final Div notesPreview = new Div();
  private final HorizontalLayout exports = new HorizontalLayout();
  private UUID id = new UUID(0, 0);
  private String title = "Grid";
  private Runnable stopListening = () -> {};
  private volatile long lastRefresh;
  private boolean refreshPending;

  /** Who is signed in: editors see the buttons that change things (the services refuse the rest anyway). */
  private final AuthenticationContext authentication;

  /** Runs the refresh after a burst of finished cells (Spring's scheduler: no thread of the page's own). */
  private final TaskScheduler later;

  public GridView(GridService grids, GenerationService generation, RunEvents events, AuthenticationContext authentication,
      TaskScheduler later) {
    this.later = later;
    this.authentication = authentication;
    this.grids = grids;
    this.events = events;
    results = new ResultPanel(generation);
    run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    run.setId("run-grid");
    cancel.setId("cancel-grid");
    wikitext.setReadOnly(true);
    wikitext.setWidthFull();
    wikitext.setId("wikitext");
    notes.setWidthFull();
    notes.setValueChangeMode(ValueChangeMode.LAZY);
    notes.addValueChangeListener(e -> notesPreview.removeAll());
    notes.setId("grid-notes");
    saveNotes.setId("save-notes");
    share.setId("share-grid");
    notesPreview.addClassName("notes-preview");
    add(heading, new HorizontalLayout(run, cancel, share), results,
        new Details("Export", new VerticalLayout(exports, wikitext)),
        new Details("Notes", new VerticalLayout(notes, saveNotes, notesPreview)));
  }

  public static RouteParameters params(UUID id) {
    return new RouteParameters("id", id.toString());
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    var experiment = event.getRouteParameters().get("id").flatMap(GridView::uuid).flatMap(grids::find);
    if (experiment.isEmpty()) {
      event.rerouteToError(NotFoundException.class, "That experiment does not exist.");
      return;
    }
    id = experiment.get().id();
    this.experiment = experiment.get();
    // Only the owner (or an admin) runs, edits and shares; the service refuses others anyway.
    boolean changeable = experiment.get().changeable() && authentication.hasRole("EDITOR");
    run.setVisible(changeable);
    cancel.setVisible(changeable);
    share.setVisible(changeable);
    saveNotes.setVisible(changeable);
    notes.setReadOnly(!changeable);
    title = experiment.get().definition().title() + " · Prompt Workbench";
    heading.setText(experiment.get().definition().title());
    notes.setValue(experiment.get().definition().notes());
    renderNotes();
    exports.removeAll();
    var slug = GridTables.slug(experiment.get().definition());
    exports.add(
        download("ZIP (everything)", slug + ".zip", "application/zip", () -> grids.zip(id)),
        download("ZIP with each cell's filmstrip", slug + "-filmstrips.zip", "application/zip", () -> grids.zip(id, true)),
        download("Contact sheet", slug + "-contact-sheet.png", "image/png", () -> grids.contactSheet(id)),
        download("Wikitext", slug + ".wikitext", "text/plain", () -> grids.wikitext(id).getBytes(StandardCharsets.UTF_8)),
        download("Markdown", slug + ".md", "text/markdown", () -> grids.markdown(id).getBytes(StandardCharsets.UTF_8)),
        download("JSON", slug + ".json", "application/json", () -> grids.json(id).getBytes(StandardCharsets.UTF_8)),
        new Anchor("grids/" + id + "/view", "Read-only permalink"));
    refresh();
  }

  @Override
  protected void onAttach(AttachEvent attachEvent) {
    var ui = attachEvent.getUI();
    // Events come on a worker thread: refresh as the viewer who opened the page.
    var asViewer = SecuredAccess.capture();
    stopListening = events.listen(new RunEvents.Listener() {
      @Override
      public void finished(RunFinished event) {
        // Cells fill in as their runs finish; several at once make one refresh.
        ui.access(asViewer.bind(() -> refreshSoon(ui, asViewer))::run);
      }
    });
  }

  @Override
  protected void onDetach(DetachEvent detachEvent) {
    stopListening.run();
  }

  void refresh() {
    lastRefresh = System.currentTimeMillis();
    ExperimentResult result = grids.result(id);
    results.show(result);
    wikitext.setValue(grids.wikitext(result));
    run.setText(result.done() == 0 && result.cells().isEmpty() ? "Run" : "Run the rest");
    run.setEnabled(result.done() < result.experiment().definition().cells() && result.finished());
    cancel.setEnabled(!result.finished());
  }

  /**
   * A batch finishes its cells within milliseconds of each other: refresh once for the burst,
   * and once more after it, so the last cells are never left showing "running".
   */
  private void refreshSoon(UI ui, SecuredAccess.Binder asViewer) {
    if (System.currentTimeMillis() - lastRefresh > 300) {
      refresh();
    } else if (!refreshPending) {
      refreshPending = true;
      later.schedule(() -> ui.access(asViewer.bind(() -> {
        refreshPending = false;
        refresh();
      })::run), Instant.now().plusMillis(400));
    }
  }

  private void start() {
    try {
      int queued = grids.start(id);
      Notifications.success(queued + " cells queued; they fill in as they finish");
    } catch (IllegalArgumentException e) {
      // An experiment whose prompts or limits no longer hold, or a bad batch.
      Notifications.error(e.getMessage());
    }
    refresh();
  }

  private void cancel() {
    int cancelled = grids.cancel(id);
    Notifications.success(cancelled + " cells cancelled; finished cells stay. “Run the rest” resumes.");
    refresh();
  }

  private void saveNotes() {
    try {
      grids.saveNotes(id, notes.getValue());
      renderNotes();
      Notifications.success("Notes saved");
    } catch (InvalidExperimentException e) {
      notes.setErrorMessage(e.getMessage());
      notes.setInvalid(true);
    }
  }

  private void renderNotes() {
    notesPreview.removeAll();
    if (!notes.getValue().isBlank()) {
      notesPreview.add(Markdown.component(notes.getValue()));
    }
  }

  private static Anchor download(String label, String file, String type, Supplier<byte[]> bytes) {
    var anchor = new Anchor(DownloadHandler.fromInputStream(event -> {
      var data = bytes.get();
      return new DownloadResponse(new ByteArrayInputStream(data), file, type, data.length);
    }), "");
    var button = new Button(label, VaadinIcon.DOWNLOAD.create());
    button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    anchor.add(button);
    return anchor;
  }

  private void openShare() {
    new ShareDialog("'" + experiment.definition().title() + "'", experiment.visibility(), experiment.sharedWith(),
        List.of(Visibility.values()),
        (visibility, users) -> experiment = grids.share(id, visibility, users)).open();
  }

  private static UUID id() {
    return new UUID(0, 0);
  }

  private static ExperimentDefinition emptyDefinition() {
    return new ExperimentDefinition("", "", List.of(), List.of(), List.of(),
        ExperimentDefinition.Axis.none(), 1, "", 1);
  }

  static Optional<UUID> uuid(String s) {
    try {
      return Optional.of(UUID.fromString(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String getPageTitle() {
    return title;
  }
}
