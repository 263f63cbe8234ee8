package workbench.ui.prompt;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import workbench.prompt.Dialect;
import workbench.prompt.WeightedPrompt;

/** The editor as a person uses it: type, see chips; move a weight, see the text change. */
class WeightedPromptEditorTest {

  private WeightedPromptEditor editor;
  private final List<PromptChangedEvent> events = new ArrayList<>();

  @BeforeEach
  void setUp() {
    MockVaadin.setup();
    editor = new WeightedPromptEditor();
    editor.addPromptChangedListener(events::add);
    UI.getCurrent().add(editor);
  }

  @AfterEach
  void tearDown() {
    MockVaadin.tearDown();
  }

  @Test
  void typingShowsAChipPerTerm() {
    type("apple:: tart::2");
    assertThat(chipTexts()).containsExactly("apple", "tart");
    assertThat(_find(editor, NumberField.class)).extracting(NumberField::getValue)
        .containsExactly(1.0, 2.0);
    assertThat(_find(editor, Input.class)).extracting(Input::getValue).containsExactly("1", "2");
    assertThat(editor.prompt()).map(WeightedPrompt::texts).contains(List.of("apple", "tart"));
  }

  @Test
  void onePhraseIsOneChip() {
    type("apple tart");
    assertThat(chipTexts()).containsExactly("apple tart");
  }

  @Test
  void editingAWeightRewritesTheText() {
    type("apple:: tart::2");
    _setValue(_find(editor, NumberField.class).get(1), 3.0);
    assertThat(text().getValue()).isEqualTo("apple:: tart::3");
    assertThat(editor.prompt().orElseThrow().weights()).containsExactly(1.0, 3.0);
  }

  @Test
  void movingASliderRewritesTheText() {
    type("apple:: tart::2");
    _setValue(_find(editor, Input.class).get(0), "0.5");
    assertThat(text().getValue()).isEqualTo("apple::0.5 tart::2");
    assertThat(_find(editor, NumberField.class).get(0).getValue()).isEqualTo(0.5);
  }

  @Test
  void aWeightEditThatWouldLeaveNoPositiveWeightIsRefused() {
    type("apple");
    _setValue(_find(editor, NumberField.class).get(0), -1.0);
    assertThat(text().getValue()).isEqualTo("apple");
    assertThat(_find(editor, NumberField.class).get(0).getValue()).isEqualTo(1.0);
    assertThat(_get(editor, Span.class, spec -> spec.withClasses("prompt-error-message")).getText())
        .isEqualTo("weights sum to -1: at least one positive weight is needed");
    assertThat(editor.prompt()).isPresent();
  }

  @Test
  void syntaxErrorShowsTheColumnAndKeepsTheText() {
    type("apple:: tart::2x");
    assertThat(text().getValue()).isEqualTo("apple:: tart::2x");
    assertThat(text().isInvalid()).isTrue();
    assertThat(_get(editor, Span.class, spec -> spec.withClasses("prompt-error-message")).getText())
        .isEqualTo("weight '2x' at column 15 is not a number");
    assertThat(_get(editor, Pre.class, spec -> spec.withClasses("prompt-error-marker")).getText())
        .isEqualTo("apple:: tart::2x\n" + " ".repeat(14) + "^");
    assertThat(chipTexts()).isEmpty();
    assertThat(editor.prompt()).isEmpty();

    type("apple:: tart::2");
    assertThat(text().isInvalid()).isFalse();
    assertThat(_find(editor, Div.class, spec -> spec.withClasses("prompt-error"))).isEmpty();
  }

  @Test
  void switchingDialectTranslatesTheText() {
    type("apple:: tart::2");
    _setValue(dialectSelect(), Dialect.A1111);
    assertThat(text().getValue()).isEqualTo("apple, (tart:2)");
    assertThat(editor.dialect()).isEqualTo(Dialect.A1111);
    _setValue(dialectSelect(), Dialect.COMPEL);
    assertThat(text().getValue()).isEqualTo("apple, (tart)2");
    _setValue(dialectSelect(), Dialect.MIDJOURNEY);
    assertThat(text().getValue()).isEqualTo("apple:: tart::2");
  }

  @Test
  void aDialectThatCannotExpressThePromptSaysWhyAndKeepsTheText() {
    type("C++ code:: apple::");
    assertThat(editor.dialect()).isEqualTo(Dialect.MIDJOURNEY);
    _setValue(dialectSelect(), Dialect.COMPEL);
    assertThat(text().getValue()).isEqualTo("C++ code:: apple::");
    assertThat(editor.dialect()).isEqualTo(Dialect.MIDJOURNEY);
    assertThat(dialectSelect().getValue()).isEqualTo(Dialect.MIDJOURNEY);
    assertThat(chipTexts()).containsExactly("C++ code", "apple");
    assertThat(_get(editor, Span.class, spec -> spec.withClasses("prompt-error-message")).getText())
        .startsWith("Compel cannot express the term 'C++ code'");
  }

  @Test
  void switchingDialectOnTextThatDoesNotParseReadsItInTheNewDialect() {
    type("(red hat:1.3");
    assertThat(editor.prompt()).isEmpty();
    assertThat(editor.setDialect(Dialect.MIDJOURNEY)).isTrue();
    assertThat(text().getValue()).isEqualTo("(red hat:1.3");
    assertThat(chipTexts()).containsExactly("(red hat:1.3");
  }

  @Test
  void negativeTermsLookDifferent() {
    type("apple::2 --no red");
    var chips = _find(editor, TermChip.class);
    assertThat(chips.get(0).hasClassName("negative")).isFalse();
    assertThat(chips.get(1).hasClassName("negative")).isTrue();
  }

  @Test
  void barShowsNormalisedWeights() {
    type("apple::3 --no red");
    var segments = _find(editor, Div.class, spec -> spec.withClasses("prompt-weight-segment"));
    assertThat(segments).extracting(s -> s.getStyle().get("width"))
        .containsExactly("85.71%", "14.29%");
    assertThat(segments.get(1).hasClassName("negative")).isTrue();
  }

  @Test
  void setValueDetectsTheDialectAndTellsListeners() {
    editor.setValue("a cat, (red hat:1.3)");
    assertThat(editor.getValue()).isEqualTo("a cat, (red hat:1.3)");
    assertThat(editor.dialect()).isEqualTo(Dialect.A1111);
    assertThat(chipTexts()).containsExactly("a cat", "red hat");
    assertThat(events).last().satisfies(e -> {
      assertThat(e.text()).isEqualTo("a cat, (red hat:1.3)");
      assertThat(e.prompt()).isPresent();
      assertThat(e.isFromClient()).isFalse();
    });
  }

  @Test
  void listenersHearTypingAndErrors() {
    type("apple::");
    type("apple::x2");
    assertThat(events).extracting(PromptChangedEvent::text).containsExactly("apple::", "apple::x2");
    assertThat(events.get(0).prompt()).isPresent();
    assertThat(events.get(0).isFromClient()).isTrue();
  }

  @Test
  void blankTextIsNoErrorAndNoPrompt() {
    type("apple");
    type("  ");
    assertThat(text().isInvalid()).isFalse();
    assertThat(chipTexts()).isEmpty();
    assertThat(editor.prompt()).isEmpty();
  }

  @Test
  void chipsShowWhenPromptEditingSwitchesTermsAndTranslationSaysWhatItCannotCarry() {
    type("a [mountain:lake:0.25] BREAK [cat|dog]");
    assertThat(chipTexts()).containsExactly("a", "mountain", "lake", "cat", "dog");
    // Only scheduled terms show a schedule ("a" conditions every step, so it shows none).
    assertThat(_find(editor, Span.class, spec -> spec.withClasses("prompt-chip-schedule")).stream()
        .map(Span::getText).toList())
        .containsExactly("until 0.25", "after 0.25", "option 1 of 2, chunk 2", "option 2 of 2, chunk 2");
    _setValue(dialectSelect(), Dialect.MIDJOURNEY);
    assertThat(editor.dialect()).isEqualTo(Dialect.A1111);
    assertThat(_get(editor, Span.class, spec -> spec.withClasses("prompt-error-message")).getText())
        .contains("only A1111 can say when a term starts, stops or alternates");
  }

  private void type(String value) {
    _setValue(text(), value);
  }

  private TextArea text() {
    return _get(editor, TextArea.class);
  }

  @SuppressWarnings("unchecked")
  private Select<Dialect> dialectSelect() {
    return _get(editor, Select.class);
  }

  private List<String> chipTexts() {
    return _find(editor, Span.class, spec -> spec.withClasses("prompt-chip-text")).stream()
        .map(Span::getText).toList();
  }
}
