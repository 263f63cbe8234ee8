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
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import workbench.KaribuTest;
import workbench.grid.GridService;
import workbench.run.RunWaits;

/** A grid defined in the form on the folder's TorchScript models (the tiny fixtures): runs, scores show. */
class GridWithCustomModelsTest extends KaribuTest {

  @Autowired GridService grids;

  @Test
  void pickTheFolderModelsAndRunAGrid() throws Exception {
    UI.getCurrent().navigate(GridsView.class);
    _click(_get(Button.class, spec -> spec.withId("new-grid")));
    var form = _get(GridForm.class);
    assertThat(form.model.getListDataView().getItems().toList()).contains("sketchbook-v1", "tiny-sd+tiny-clip");
    _setValue(form.model, "tiny-sd+tiny-clip");
    assertThat(form.process.getValue()).isEqualTo("diffusion");
    _setValue(_get(TextField.class, spec -> spec.withId("grid-title")), "Tiny SD in the view");
    _setValue(_get(form.rows.get(0).editor, TextArea.class, spec -> spec.withClasses("prompt-text")), "red apple");
    _setValue(_get(form.rows.get(1).editor, TextArea.class, spec -> spec.withClasses("prompt-text")), "red apple --no blurry");
    _setValue(_get(IntegerField.class, spec -> spec.withId("seed-count")), 2);
    _setValue(_get(IntegerField.class, spec -> spec.withId("grid-steps")), 3);
    _setValue(_get(TextField.class, spec -> spec.withId("probes")), "tart");
    form.upscale.setValue(1);
    _click(_get(Button.class, spec -> spec.withId("create-grid")));
    assertThat(_find(Span.class, spec -> spec.withId("grid-error"))).allSatisfy(s -> assertThat(s.getText()).isEmpty());

    var view = _get(GridView.class);
    _click(_get(Button.class, spec -> spec.withId("run-grid")));
    RunWaits.until("four scored cells", RunWaits.LIMIT, () -> {
      MockVaadin.runUIQueue();
      view.refresh();
    }, () -> _find(Span.class, spec -> spec.withClasses("grid-cell-score")).size() >= 4);
    assertThat(_find(Span.class, spec -> spec.withClasses("grid-cell-score"))).hasSize(4);
    var stored = grids.search("Tiny SD in the view");
    assertThat(stored).singleElement().satisfies(e -> assertThat(e.definition().model()).isEqualTo("tiny-sd+tiny-clip"));
  }
}
