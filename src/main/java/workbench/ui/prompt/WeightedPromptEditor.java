package workbench.ui.prompt;

import com.vaadin.flow.component.AbstractField.ComponentValueChangeEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import workbench.prompt.Dialect;
import workbench.prompt.PromptParser;
import workbench.prompt.PromptRenderException;
import workbench.prompt.PromptRenderer;
import workbench.prompt.PromptSyntaxException;
import workbench.prompt.WeightedPrompt;

/**
 * Writes a weighted prompt: the text parses as you type (debounced); each term shows as a chip
 * whose weight can be typed or slid, which rewrites the text in the current dialect; a bar
 * shows each term's share; errors show inline at their column and the text stays as typed;
 * the dialect switcher translates the text. The dialect follows the text ({@link
 * PromptParser#detect}) until the user picks one.
 *
 * <p>Listen with {@link #addPromptChangedListener}; read {@link #getValue()} and
 * {@link #prompt()}.
 */
public class WeightedPromptEditor extends Composite<VerticalLayout> {

  private final Select<Dialect> dialectSelect = new Select<>();
  private final TextArea text = new TextArea("Prompt");
  private final ErrorMarker error = new ErrorMarker();
  private final Div chips = new Div();
  private final WeightBar bar = new WeightBar();
  private final List<TermChip> termChips = new ArrayList<>();

  private Dialect dialect = Dialect.MIDJOURNEY;
  /** Until the user picks a dialect, it follows what the text looks like. */
  private boolean dialectChosen;
  private @Nullable WeightedPrompt current;

  public WeightedPromptEditor() {
    var layout = getContent();
    layout.addClassName("weighted-prompt-editor");
    layout.setPadding(false);

    dialectSelect.setLabel("Dialect");
    dialectSelect.addClassName("prompt-dialect");
    dialectSelect.setItems(Dialect.values());
    dialectSelect.setItemLabelGenerator(Dialect::label);
    dialectSelect.setValue(dialect);
    dialectSelect.addValueChangeListener(this::dialectPicked);

    text.addClassName("prompt-text");
    text.setWidthFull();
    text.setPlaceholder("apple:: tart::2");
    // No maxLength: the browser would cut pasted text; the parser's length error says what is too much.
    text.setValueChangeMode(ValueChangeMode.LAZY);
    text.addValueChangeListener(this::textTyped);

    chips.addClassName("prompt-chips");
    chips.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-s)");

    var header = new HorizontalLayout(dialectSelect);
    header.setAlignItems(Alignment.BASELINE);
    layout.add(header, text, error, bar, chips);
    bar.setVisible(false);
  }

  /** The prompt text exactly as it stands. */
  public String getValue() {
    return text.getValue();
  }

  /** Shows a text, detecting its dialect, and parses it. */
  public void setValue(String value) {
    dialectChosen = false;
    showText(value, false);
  }

  /**
   * Shows a text known to be written in {@code textDialect} (a recalled PNG, a library version):
   * neither detected nor translated, so an A1111 tag list stays a list of A1111 terms.
   */
  public void setValue(String value, Dialect textDialect) {
    dialectChosen = true;
    dialect = textDialect;
    dialectSelect.setValue(textDialect);
    dialectSelect.setHelperText("");
    if (!text.getValue().equals(value)) {
      text.setValue(value);
    }
    parseAndShow(value, false);
  }

  /** The current parse; empty while the text has an error or is blank. */
  public Optional<WeightedPrompt> prompt() {
    return Optional.ofNullable(current);
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * Switches dialect as the dialect picker does: translates a parsed prompt, or reads the text
   * afresh in the new dialect when it does not parse. Returns false (and shows why) when the
   * new dialect cannot express the prompt; then nothing changes.
   */
  public boolean setDialect(Dialect newDialect) {
    return switchDialect(newDialect, false);
  }

  public Registration addPromptChangedListener(ComponentEventListener<PromptChangedEvent> listener) {
    return addListener(PromptChangedEvent.class, listener);
  }

  private void textTyped(ComponentValueChangeEvent<TextArea, String> event) {
    if (event.isFromClient()) {
      showText(event.getValue(), true);
    }
  }

  private void dialectPicked(ComponentValueChangeEvent<Select<Dialect>, Dialect> event) {
    if (event.isFromClient() && event.getValue() != null && event.getValue() != dialect) {
      switchDialect(event.getValue(), true);
    }
  }

  private boolean switchDialect(Dialect newDialect, boolean fromClient) {
    dialectChosen = true;
    dialectSelect.setHelperText("");
    var prompt = current;
    if (prompt == null) {
      // Nothing parsed to translate: maybe the text was written in the other dialect.
      dialect = newDialect;
      dialectSelect.setValue(newDialect);
      parseAndShow(text.getValue(), fromClient);
      return true;
    }
    try {
      String translated = PromptRenderer.render(prompt, newDialect);
      dialect = newDialect;
      dialectSelect.setValue(newDialect);
      text.setValue(translated);
      parseAndShow(translated, fromClient);
      return true;
    } catch (PromptRenderException cannot) {
      dialectSelect.setValue(dialect); // the text is still in the old dialect
      error.show(cannot.getMessage());
      return false;
    }
  }

  /**
   * Rewrites the text with the new weight, unless that would make it invalid (all weights
   * negative, say): then the chips would vanish under the user's hand, so the edit is refused
   * with the reason and the chip shows the old weight again.
   */
  private void weightEdited(TermChip.WeightEdited event) {
    var prompt = current;
    if (prompt == null) {
      return;
    }
    var chip = event.getSource();
    try {
      String rewritten = PromptRenderer.render(prompt.withWeight(chip.index(), event.weight()), dialect);
      PromptParser.parse(rewritten, dialect);
      text.setValue(rewritten);
      parseAndShow(rewritten, true);
    } catch (PromptRenderException | PromptSyntaxException refused) {
      chip.show(prompt.term(chip.index()));
      error.show(refused.getMessage());
    }
  }

  private void showText(String value, boolean fromClient) {
    if (!dialectChosen) {
      dialect = PromptParser.detect(value);
      dialectSelect.setValue(dialect);
    }
    dialectSelect.setHelperText(dialectChosen ? "" : "Detected from the text");
    if (!text.getValue().equals(value)) {
      text.setValue(value);
    }
    parseAndShow(value, fromClient);
  }

  private void parseAndShow(String value, boolean fromClient) {
    current = null;
    error.clear();
    text.setInvalid(false);
    if (!value.isBlank()) {
      try {
        current = PromptParser.parse(value, dialect);
      } catch (PromptSyntaxException e) {
        error.show(e, value);
        text.setInvalid(true);
      }
    }
    showTerms(current);
    fireEvent(new PromptChangedEvent(this, fromClient, value, dialect, current));
  }

  /** Updates chips in place when the terms are the same words, so a slider is not rebuilt under the hand. */
  private void showTerms(@Nullable WeightedPrompt prompt) {
    if (prompt == null) {
      termChips.clear();
      chips.removeAll();
      bar.clear();
      bar.setVisible(false);
      return;
    }
    bar.show(prompt);
    bar.setVisible(true);
    if (termChips.size() == prompt.size()
        && termChips.stream().allMatch(chip -> chip.text().equals(prompt.term(chip.index()).text()))) {
      termChips.forEach(chip -> chip.show(prompt.term(chip.index())));
      return;
    }
    termChips.clear();
    chips.removeAll();
    for (int i = 0; i < prompt.size(); i++) {
      var chip = new TermChip(i, prompt.term(i));
      chip.addWeightEditedListener(this::weightEdited);
      termChips.add(chip);
      chips.add(chip);
    }
  }
}
