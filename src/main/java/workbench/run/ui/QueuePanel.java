package workbench.run.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import workbench.run.GenerationService;
import workbench.run.Run;
import workbench.run.RunEvents;
import workbench.run.RunFinished;
import workbench.run.RunProgressed;
import workbench.ui.SecuredAccess;

/**
 * Queued and running runs, then the latest finished ones, with their state: read from the
 * database whenever the queue changes, so every tab and every instance shows the same queue.
 */
public class QueuePanel extends Composite<VerticalLayout> {

  static final int RECENT = 8;

  final Grid<Run> grid = new Grid<>();
  private final GenerationService generation;
  private final RunEvents events;
  private @Nullable Runnable stopListening;

  public QueuePanel(GenerationService generation, RunEvents events) {
    this.generation = generation;
    this.events = events;
    var layout = getContent();
    layout.addClassName("queue-panel");
    layout.setPadding(false);
    grid.setId("queue");
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
    grid.setAllRowsVisible(true);
    grid.addComponentColumn(QueuePanel::state).setHeader("State").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(run -> run.recipe().prompt()).setHeader("Prompt").setFlexGrow(1);
    grid.addColumn(run -> run.recipe().seed()).setHeader("Seed").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(run -> run.step() + "/" + run.steps()).setHeader("Step").setAutoWidth(true).setFlexGrow(0);
    grid.addComponentColumn(this::cancelButton).setAutoWidth(true).setFlexGrow(0);
    grid.addItemClickListener(e -> fireEvent(new FollowRunEvent(this, e.getItem().id())));
    layout.add(new H3("Queue"), grid);
  }

  public void refresh() {
    grid.setItems(generation.queue(RECENT));
  }

  public List<Run> runs() {
    return grid.getListDataView().getItems().toList();
  }

  public Registration addFollowRunListener(ComponentEventListener<FollowRunEvent> listener) {
    return addListener(FollowRunEvent.class, listener);
  }

  @Override
  protected void onAttach(AttachEvent attach) {
    var ui = attach.getUI();
    refresh();
    // Events come on a worker thread: refresh as the viewer who opened the page.
    var asViewer = SecuredAccess.capture();
    stopListening = events.listen(new RunEvents.Listener() {
      @Override
      public void queueChanged() {
        ui.access(asViewer.bind(QueuePanel.this::refresh)::run);
      }

      @Override
      public void finished(RunFinished event) {
        ui.access(asViewer.bind(QueuePanel.this::refresh)::run);
      }

      @Override
      public void progressed(RunProgressed event) {
        // Steps with a preview are the ones the worker writes to the database: show them.
        if (event.previewPng().length > 0) {
          ui.access(asViewer.bind(QueuePanel.this::refresh)::run);
        }
      }
    });
  }

  @Override
  protected void onDetach(DetachEvent detach) {
    if (stopListening != null) {
      stopListening.run();
      stopListening = null;
    }
  }

  private static Span state(Run run) {
    var badge = new Span(run.status().name().toLowerCase(Locale.ROOT));
    badge.getElement().getThemeList().add("badge small pill");
    switch (run.status()) {
      case DONE -> badge.getElement().getThemeList().add("success");
      case FAILED -> badge.getElement().getThemeList().add("error");
      case CANCELLED -> badge.getElement().getThemeList().add("contrast");
      default -> {}
    }
    return badge;
  }

  private Button cancelButton(Run run) {
    var cancel = new Button("Cancel", e -> {
      generation.cancel(run.id());
      refresh();
    });
    cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
    cancel.setVisible(!run.status().finished());
    return cancel;
  }
}
