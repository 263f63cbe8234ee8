package workbench.grid.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import workbench.KaribuTest;
import workbench.grid.ExperimentDefinition.Axis;
import workbench.grid.GridService;
import workbench.run.RunWaits;

class GridViewTest extends KaribuTest {

  @Autowired GridService grids;

  @Test
  void defineRunAndSeeCellsHeatmapVerdictAndWikitext() throws Exception {
    UI.getCurrent().navigate(GridsView.class);
    _click(_get(Button.class, spec -> spec.withId("new-grid")));
    var form = _get(GridForm.class);
    _setValue(_get(TextField.class, spec -> spec.withId("grid-title")), "Five fingers in the view");
    _setValue(_get(form.rows.get(0).editor, TextArea.class, spec -> spec.withClasses("prompt-text")), "a hand with five fingers");
    _setValue(_get(form.rows.get(1).editor, TextArea.class, spec -> spec.withClasses("prompt-text")),
        "a hand, five fingers, detailed fingers");
    _setValue(_get(IntegerField.class, spec -> spec.withId("seed-count")), 2);
    _setValue(_get(IntegerField.class, spec -> spec.withId("grid-steps")), 3);
    _setValue(_get(TextField.class, spec -> spec.withId("probes")), "hand");
    _click(_get(Button.class, spec -> spec.withId("create-grid")));

    var view = _get(GridView.class);
    _click(_get(Button.class, spec -> spec.withId("run-grid")));
    RunWaits.until("four scored cells", RunWaits.LIMIT, () -> {
      MockVaadin.runUIQueue();
      view.refresh();
    }, () -> _find(Span.class, spec -> spec.withClasses("grid-cell-score")).size() >= 4);
    assertThat(_find(Span.class, spec -> spec.withClasses("grid-cell-score"))).hasSize(4);
    assertThat(_find(Span.class, spec -> spec.withClasses("verdict-text")))
        .anySatisfy(s -> assertThat(s.getText()).contains("for 'hand'"));
    assertThat(_get(TextArea.class, spec -> spec.withId("wikitext")).getValue()).contains("{| class=\"wikitable\"");
  }

  @Test
  void aGridOverTheSizeCapIsRefusedWithTheReason() {
    UI.getCurrent().navigate(GridsView.class);
    _click(_get(Button.class, spec -> spec.withId("new-grid")));
    var form = _get(GridForm.class);
    _setValue(_get(TextField.class, spec -> spec.withId("grid-title")), "Too big");
    form.rows.get(0).editor.setValue("a red apple");
    form.rows.get(1).editor.setValue("a green apple");
    _setValue(_get(IntegerField.class, spec -> spec.withId("seed-count")), 64);
    form.upscale.setValue(8);
    _click(_get(Button.class, spec -> spec.withId("create-grid")));
    assertThat(_get(Span.class, spec -> spec.withId("grid-error")).getText()).contains("megapixels").contains("limit");
    assertThat(grids.search("Too big")).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theFormSweepsThePromptEditingWhen() {
    UI.getCurrent().navigate(GridsView.class);
    _click(_get(Button.class, spec -> spec.withId("new-grid")));
    var form = _get(GridForm.class);
    _setValue(_get(TextField.class, spec -> spec.withId("grid-title")), "When in the form");
    form.rows.get(0).editor.setValue("a red apple");
    form.rows.get(1).editor.setValue("a green apple");
    _setValue(_get(IntegerField.class, spec -> spec.withId("seed-count")), 1);
    _setValue(_get(IntegerField.class, spec -> spec.withId("grid-steps")), 4);
    var values = form.axisValues;
    assertThat(values.isVisible()).isFalse();
    Select<Axis.Kind> axis = _get(Select.class, spec -> spec.withId("axis-kind"));
    assertThat(axis.getItemLabelGenerator().apply(Axis.Kind.WHEN)).isEqualTo("prompt editing's when");
    _setValue(axis, Axis.Kind.WHEN);
    assertThat(values.isVisible()).isTrue();
    assertThat(values.getPlaceholder()).isEqualTo("0.25, 0.5, 0.75");
    _setValue(values, "0.25, 0.75");

    // Neither row edits its prompt: refused with the reason, nothing stored.
    _click(_get(Button.class, spec -> spec.withId("create-grid")));
    assertThat(_get(Span.class, spec -> spec.withId("grid-error")).getText()).contains("No row has A1111 prompt editing");
    assertThat(grids.search("When in the form")).isEmpty();

    form.rows.get(1).editor.setValue("a [red apple:green apple:0.5]");
    _click(_get(Button.class, spec -> spec.withId("create-grid")));
    _get(GridView.class);
    var created = grids.search("When in the form");
    assertThat(created).hasSize(1);
    assertThat(created.get(0).definition().axis()).isEqualTo(new Axis(Axis.Kind.WHEN, "", List.of("0.25", "0.75")));
  }
}
