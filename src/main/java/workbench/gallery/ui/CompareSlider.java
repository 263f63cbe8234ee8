package workbench.gallery.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.RangeInput;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.DownloadHandler;

/**
 * Two images stacked at the same size; a range input uncovers the top one from the left, so
 * the eye sees exactly what changed where. The browser moves the clip as the slider moves
 * (no round trip); the server learns the final position.
 */
public class CompareSlider extends Composite<Div> {

  final RangeInput slider = new RangeInput(ValueChangeMode.ON_CHANGE);
  final Image under;
  final Image over;

  public CompareSlider(DownloadHandler left, String leftLabel, DownloadHandler right, String rightLabel) {
    var root = getContent();
    root.addClassName("compare-slider");
    under = new Image(right, rightLabel);
    under.addClassName("compare-slider-under");
    over = new Image(left, leftLabel);
    over.addClassName("compare-slider-over");
    var stack = new Div(under, over);
    stack.addClassName("compare-slider-stack");
    slider.setMin(0);
    slider.setMax(100);
    slider.setStep(1.0);
    slider.setValue(50.0);
    slider.setWidthFull();
    slider.setAriaLabel("Slide to uncover " + leftLabel + " over " + rightLabel);
    slider.setId("compare-slider");
    stack.getStyle().set("--reveal", "50%");
    slider.addValueChangeListener(e -> stack.getStyle().set("--reveal", (e.getValue() == null ? 50 : e.getValue()) + "%"));
    slider.getElement().executeJs(
        "this.addEventListener('input', () => $0.style.setProperty('--reveal', this.value + '%'))", stack.getElement());
    root.add(stack, slider);
  }

  /** How much of the left (top) image shows, 0–100. */
  public double reveal() {
    return slider.getValue() == null ? 50 : slider.getValue();
  }
}
