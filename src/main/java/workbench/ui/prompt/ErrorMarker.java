package workbench.ui.prompt;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import workbench.prompt.PromptSyntaxException;

/**
 * A syntax error shown where it is: the offending line with a caret under the column, the
 * message and the hint. A translation the dialect cannot express shows just its message.
 */
class ErrorMarker extends Div {

  private final Pre marker = new Pre();
  private final Span message = new Span();
  private final Span hint = new Span();

  ErrorMarker() {
    addClassName("prompt-error");
    marker.addClassName("prompt-error-marker");
    message.addClassName("prompt-error-message");
    hint.addClassName("prompt-error-hint");
    getStyle().set("color", "var(--lumo-error-text-color)");
    marker.getStyle().set("margin", "0").set("font-family", "var(--lumo-font-family-monospace, monospace)");
    hint.getStyle().set("display", "block").set("color", "var(--lumo-secondary-text-color)");
    add(marker, message, hint);
    setVisible(false);
  }

  void show(PromptSyntaxException error, String text) {
    marker.setText(error.markIn(text));
    marker.setVisible(true);
    message.setText(error.messageWithColumn());
    hint.setText(error.hint());
    setVisible(true);
  }

  void show(String problem) {
    marker.setVisible(false);
    message.setText(problem);
    hint.setText("");
    setVisible(true);
  }

  void clear() {
    setVisible(false);
  }
}
