package workbench.ui.prompt;

import com.vaadin.flow.component.html.Div;
import java.util.Locale;
import workbench.prompt.WeightedPrompt;

/**
 * How much each term counts: one segment per term, as wide as its share of Σ|w| (its
 * normalised weight), so {@code hot::2 dog} and {@code hot::4 dog::2} look the same.
 */
class WeightBar extends Div {

  WeightBar() {
    addClassName("prompt-weight-bar");
    getStyle().set("display", "flex").set("width", "100%").set("height", "0.75em")
        .set("border-radius", "var(--lumo-border-radius-s)").set("overflow", "hidden")
        .set("background", "var(--lumo-contrast-10pct)");
  }

  void show(WeightedPrompt prompt) {
    removeAll();
    var shares = prompt.normalisedWeights();
    for (int i = 0; i < prompt.size(); i++) {
      var term = prompt.term(i);
      double percent = Math.abs(shares.get(i)) * 100;
      var segment = new Div();
      segment.addClassName("prompt-weight-segment");
      segment.setClassName("negative", term.isNegative());
      segment.setWidth(String.format(Locale.ROOT, "%.2f%%", percent));
      segment.setTitle(String.format(Locale.ROOT, "%s: %.0f%%%s", term.text(), percent,
          term.isNegative() ? " (away from)" : ""));
      segment.getStyle()
          .set("background", term.isNegative() ? "var(--lumo-error-color)" : "var(--lumo-primary-color)")
          .set("border-right", "1px solid var(--lumo-base-color)");
      add(segment);
    }
  }

  void clear() {
    removeAll();
  }
}
