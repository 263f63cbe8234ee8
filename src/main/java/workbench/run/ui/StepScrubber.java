package workbench.run.ui;

import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.Locale;
import workbench.run.RunSnapshot;

/**
 * A run's journey one snapshot at a time: a slider over the kept steps (arrow keys move it, as
 * do the buttons beside it), the image at that step, the art process's prediction of the
 * final image where it has one, and each term's score then. Everything it shows was read with
 * the page (small PNGs inline), so moving it asks the server for nothing but the next step.
 */
public class StepScrubber extends Composite<Div> {

  final Input slider = new Input(ValueChangeMode.EAGER);
  final Button back = new Button(VaadinIcon.ANGLE_LEFT.create());
  final Button forward = new Button(VaadinIcon.ANGLE_RIGHT.create());
  final Span stepLabel = new Span();
  final Image image = new Image();
  final Image predicted = new Image();
  final Div scores = new Div();
  private final List<RunSnapshot> snapshots;
  private final int steps;
  private int index;

  public StepScrubber(List<RunSnapshot> snapshots, int steps) {
    if (snapshots.isEmpty()) {
      throw new IllegalArgumentException("a scrubber needs at least one snapshot");
    }
    this.snapshots = List.copyOf(snapshots);
    this.steps = steps;
    var root = getContent();
    root.addClassName("step-scrubber");
    root.setId("step-scrubber");
    // Focusable itself, so its arrow keys work after a click on the images too.
    root.getElement().setAttribute("tabindex", "0");

    slider.setType("range");
    slider.setId("step-slider");
    slider.getElement().setAttribute("min", "0");
    slider.getElement().setAttribute("max", Integer.toString(snapshots.size() - 1));
    slider.getElement().setAttribute("step", "1");
    slider.getElement().setAttribute("aria-label", "Step of the loop");
    slider.setValue("0");
    slider.addValueChangeListener(e -> {
      if (e.isFromClient()) {
        show(parse(e.getValue()));
      }
    });
    back.setId("step-back");
    back.setAriaLabel("Previous snapshot");
    back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    back.addClickListener(e -> show(index - 1));
    forward.setId("step-forward");
    forward.setAriaLabel("Next snapshot");
    forward.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    forward.addClickListener(e -> show(index + 1));
    // One move per key press: the shortcut stops the slider's own handling of the key.
    Shortcuts.addShortcutListener(root, () -> show(index - 1), Key.ARROW_LEFT).listenOn(root);
    Shortcuts.addShortcutListener(root, () -> show(index + 1), Key.ARROW_RIGHT).listenOn(root);
    Shortcuts.addShortcutListener(root, () -> show(0), Key.HOME).listenOn(root);
    Shortcuts.addShortcutListener(root, () -> show(this.snapshots.size() - 1), Key.END).listenOn(root);

    stepLabel.setId("scrubber-step");
    image.setId("scrubber-image");
    predicted.setId("scrubber-predicted");
    predicted.setVisible(snapshots.get(0).hasPredicted());
    scores.setId("scrubber-scores");
    scores.addClassName("step-scrubber-scores");
    var controls = new Div(back, slider, forward);
    controls.addClassName("step-scrubber-controls");
    var pictures = new Div(image, predicted);
    root.add(new Div(controls, stepLabel, pictures), scores);
    show(0);
  }

  /** The step shown now. */
  public int step() {
    return snapshots.get(index).step();
  }

  /** Shows snapshot {@code i} (clamped to the kept ones). */
  void show(int i) {
    index = Math.max(0, Math.min(snapshots.size() - 1, i));
    var s = snapshots.get(index);
    slider.setValue(Integer.toString(index));
    stepLabel.setText("step " + s.step() + " of " + steps + (s.step() == 0 ? ": the starting seed image"
        : s.step() == snapshots.get(snapshots.size() - 1).step() ? ": image done" : ""));
    image.setSrc(ImageSources.dataUrl(s.png()));
    image.setAlt("The image at step " + s.step());
    if (s.hasPredicted()) {
      predicted.setSrc(ImageSources.dataUrl(s.predictedPng()));
      predicted.setAlt("The predicted final image at step " + s.step());
    }
    scores.removeAll();
    scores.add(new Span("combined " + format(s.scores().combinedScore())));
    for (var t : s.scores().terms()) {
      scores.add(new Span(t.text() + " " + format(t.score())));
    }
    fireEvent(new StepChosenEvent(this, s.step()));
  }

  /** The scores shown, as read: "combined 40.0", "red apple 40.0", … */
  public List<String> scoreLines() {
    return scores.getChildren().map(c -> c.getElement().getText()).toList();
  }

  public Registration addStepChosenListener(ComponentEventListener<StepChosenEvent> listener) {
    return addListener(StepChosenEvent.class, listener);
  }

  private int parse(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return index;
    }
  }

  private static String format(double score) {
    return String.format(Locale.ROOT, "%.1f", score);
  }
}
