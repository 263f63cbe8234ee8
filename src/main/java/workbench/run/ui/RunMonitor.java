package workbench.run.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import workbench.run.GenerationService;
import workbench.run.Run;
import workbench.run.RunEvents;
import workbench.run.RunFinished;
import workbench.run.RunProgressed;
import workbench.run.RunStatus;
import workbench.ui.SecuredAccess;

/**
 * Follows one run while it is queued or in the loop: a progress bar with the step and ETA, the
 * current image, the live score chart, and Cancel. What it shows first comes from the database
 * (so a reload or a second tab finds the same run); then events arrive from the worker and are
 * handed to the UI thread with {@code UI.access}, never blocking the worker.
 */
public class RunMonitor extends Composite<VerticalLayout> {

  private final GenerationService generation;
  private final RunEvents events;
  final ProgressBar progress = new ProgressBar(0, 1);
  final Span status = new Span();
  final Image preview = new Image();
  final ScoreChart chart = new ScoreChart();
  final Button cancel = new Button("Cancel");
  /** Read by listeners on worker threads, written on the UI thread. */
  private volatile @Nullable UUID runId;
  private @Nullable Runnable stopListening;

  public RunMonitor(GenerationService generation, RunEvents events) {
    this.generation = generation;
    this.events = events;
    var layout = getContent();
    layout.addClassName("run-monitor");
    layout.setPadding(false);
    status.addClassName("run-status");
    status.setId("run-status");
    progress.setId("run-progress");
    preview.addClassName("run-preview");
    preview.setAlt("The image as the run makes it");
    cancel.setId("cancel-run");
    cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
    cancel.addClickListener(e -> cancel());
    var pictures = new HorizontalLayout(preview, chart);
    pictures.addClassName("run-monitor-pictures");
    pictures.setWrap(true);
    layout.add(new HorizontalLayout(progress, cancel), status, pictures);
    progress.setWidth("24em");
    setVisible(false);
  }

  /** Shows the run with this id from now on; returns it, or empty when there is no such run. */
  public Optional<Run> follow(UUID id) {
    var run = generation.run(id);
    if (run.isEmpty()) {
      return run;
    }
    runId = id;
    var r = run.get();
    chart.reset(r.recipe().termTexts(), r.steps());
    preview.setSrc("");
    preview.setVisible(false);
    setVisible(true);
    cancel.setVisible(true);
    showState(r);
    if (r.status().finished()) {
      fireEvent(new RunEndedEvent(this, r));
    }
    return run;
  }

  public Optional<UUID> runId() {
    return Optional.ofNullable(runId);
  }

  public Registration addRunEndedListener(ComponentEventListener<RunEndedEvent> listener) {
    return addListener(RunEndedEvent.class, listener);
  }

  @Override
  protected void onAttach(AttachEvent attach) {
    var ui = attach.getUI();
    // Events come on a worker thread: read runs as the viewer who opened the page.
    var asViewer = SecuredAccess.capture();
    stopListening = events.listen(new RunEvents.Listener() {
      @Override
      public void progressed(RunProgressed event) {
        if (event.runId().equals(runId)) {
          ui.access(asViewer.bind(() -> showProgress(event))::run);
        }
      }

      @Override
      public void finished(RunFinished event) {
        if (event.runId().equals(runId)) {
          ui.access(asViewer.bind(() -> ended(event.runId()))::run);
        }
      }

      @Override
      public void queueChanged() {
        // A queued run starting (or cancelled while queued) shows in its status line.
        var followed = runId;
        if (followed != null) {
          ui.access(asViewer.bind(() -> refresh(followed))::run);
        }
      }
    });
    // Whatever happened while detached is in the database (the first attach follows from beforeEnter).
    if (runId != null && !attach.isInitialAttach()) {
      follow(runId);
    }
  }

  @Override
  protected void onDetach(DetachEvent detach) {
    if (stopListening != null) {
      stopListening.run();
      stopListening = null;
    }
  }

  void showProgress(RunProgressed event) {
    if (!event.runId().equals(runId)) {
      return;
    }
    progress.setIndeterminate(false);
    progress.setValue(event.steps() == 0 ? 0 : Math.min(1, event.step() / (double) event.steps()));
    status.setText("Step " + event.step() + " / " + event.steps() + eta(event) + " · score "
        + format(event.scores().combinedScore()));
    chart.add(event.step(), event.scores());
    if (event.previewPng().length > 0) {
      preview.setSrc(ImageSources.dataUrl(event.previewPng()));
      preview.setVisible(true);
    }
    cancel.setEnabled(event.step() < event.steps());
  }

  private void refresh(UUID id) {
    if (id.equals(runId)) {
      generation.run(id).ifPresent(run -> {
        if (run.status().finished()) {
          ended(id);
        } else if (run.status() == RunStatus.QUEUED || status.getText().isEmpty() || status.getText().startsWith("Queued")) {
          showState(run);
        }
      });
    }
  }

  private void ended(UUID id) {
    generation.run(id).ifPresent(run -> {
      showState(run);
      fireEvent(new RunEndedEvent(this, run));
    });
  }

  private void showState(Run run) {
    cancel.setVisible(!run.status().finished());
    if (run.status().finished()) {
      var trace = generation.trace(run.id());
      if (!trace.isEmpty()) {
        chart.show(run.recipe().termTexts(), run.steps(), trace);
      }
    }
    cancel.setEnabled(!run.status().finished());
    progress.setIndeterminate(run.status() == RunStatus.QUEUED);
    progress.setValue(run.steps() == 0 ? 0 : Math.min(1, run.step() / (double) run.steps()));
    status.setText(switch (run.status()) {
      case QUEUED -> "Queued: waiting for a worker";
      case RUNNING -> "Step " + run.step() + " / " + run.steps();
      case DONE -> "Done in " + run.step() + " steps" + run.scoreFinal().map(s -> " · score " + format(s)).orElse("");
      case CANCELLED -> "Cancelled at step " + run.step() + " / " + run.steps() + ": kept what it made so far";
      case FAILED -> "Failed: " + run.error();
    });
  }

  private void cancel() {
    var id = runId;
    if (id != null && generation.cancel(id)) {
      cancel.setEnabled(false);
      status.setText(status.getText() + " · cancelling…");
      refresh(id);
    }
  }

  /** Remaining time from the pace so far: elapsed / steps done × steps left. */
  static String eta(RunProgressed event) {
    if (event.step() == 0 || event.step() >= event.steps()) {
      return "";
    }
    long left = event.elapsedMillis() * (event.steps() - event.step()) / event.step();
    var d = Duration.ofMillis(left);
    return " · about " + (d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : Math.max(1, d.toSeconds()) + " s") + " left";
  }

  static String format(double score) {
    return String.format(Locale.ROOT, "%.1f", score);
  }

  /** Hides the monitor (a new page state with nothing followed). */
  public void clear() {
    runId = null;
    setVisible(false);
  }

}
