package workbench.ui.prompt;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import java.util.Optional;
import workbench.prompt.Term;

/**
 * One term: its text, its weight as a number field and as a slider. Vaadin 24 has no core
 * slider, so the slider is a native {@code <input type=range>} whose value reaches the server
 * when the user lets go of it.
 */
class TermChip extends Div {

  static final double SLIDER_MIN = -2;
  static final double SLIDER_MAX = 4;

  private final int index;
  private final Span text = new Span();
  /** When the term conditions the image (A1111 prompt editing, alternation, BREAK chunk). */
  private final Span schedule = new Span();
  private final NumberField weight = new NumberField();
  private final Input slider = new Input(ValueChangeMode.ON_CHANGE);

  TermChip(int index, Term term) {
    this.index = index;
    addClassName("prompt-chip");
    getStyle().set("display", "inline-flex").set("flex-direction", "column")
        .set("gap", "var(--lumo-space-xs)").set("padding", "var(--lumo-space-s)")
        .set("border", "1px solid var(--lumo-contrast-20pct)")
        .set("border-radius", "var(--lumo-border-radius-l)");
    text.addClassName("prompt-chip-text");
    schedule.addClassName("prompt-chip-schedule");
    schedule.getStyle().set("font-size", "var(--lumo-font-size-s)")
        .set("color", "var(--lumo-secondary-text-color)");
    weight.addClassName("prompt-chip-weight");
    weight.setStep(0.1);
    weight.setMin(-100);
    weight.setMax(100);
    weight.setWidth("7em");
    slider.addClassName("prompt-chip-slider");
    slider.setType("range");
    slider.getElement().setAttribute("step", "0.05");
    show(term);
    weight.addValueChangeListener(e -> {
      if (e.isFromClient() && e.getValue() != null) {
        fireEvent(new WeightEdited(this, e.getValue()));
      }
    });
    slider.addValueChangeListener(e -> {
      if (e.isFromClient()) {
        parse(e.getValue()).ifPresent(value -> fireEvent(new WeightEdited(this, value)));
      }
    });
    add(text, schedule, weight, slider);
  }

  /** Shows a term's current text and weight without firing an edit. */
  void show(Term term) {
    text.setText(term.text());
    schedule.setText(scheduleOf(term));
    schedule.setVisible(!schedule.getText().isEmpty());
    weight.setValue(term.weight());
    weight.setAriaLabel("Weight of " + term.text());
    slider.setAriaLabel("Weight of " + term.text());
    // The slider's range widens to hold weights beyond its usual -2..4.
    slider.getElement().setAttribute("min", format(Math.min(SLIDER_MIN, Math.floor(term.weight()))));
    slider.getElement().setAttribute("max", format(Math.max(SLIDER_MAX, Math.ceil(term.weight()))));
    slider.setValue(format(term.weight()));
    setClassName("negative", term.isNegative());
  }

  int index() {
    return index;
  }

  /** "until 0.25", "option 1 of 2", "chunk 2": empty for a term that conditions every step. */
  static String scheduleOf(Term term) {
    String timing = term.timing().describe();
    String chunk = term.chunk() > 0 ? "chunk " + (term.chunk() + 1) : "";
    return timing.isEmpty() ? chunk : chunk.isEmpty() ? timing : timing + ", " + chunk;
  }

  /** The schedule shown under the text ("" when the term is always on). */
  String schedule() {
    return schedule.getText();
  }

  /** The term text shown. */
  String text() {
    return text.getText();
  }

  Registration addWeightEditedListener(ComponentEventListener<WeightEdited> listener) {
    return addListener(WeightEdited.class, listener);
  }

  private static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static Optional<Double> parse(String value) {
    try {
      double parsed = Double.parseDouble(value);
      return Double.isFinite(parsed) ? Optional.of(parsed) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The user set this term's weight with the number field or the slider. */
  static final class WeightEdited extends ComponentEvent<TermChip> {
    private final double weight;

    WeightEdited(TermChip source, double weight) {
      super(source, true);
      this.weight = weight;
    }

    double weight() {
      return weight;
    }
  }
}
