package workbench.run.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.KaribuTest;
import workbench.run.GenerationService;
import workbench.run.RunStatus;
import workbench.run.RunWaits;

/** The folder's TorchScript models (the tiny fixtures) in the Generate page's model picker, run and scored. */
class GenerateWithCustomModelsTest extends KaribuTest {

  @Autowired GenerationService generation;
  @Autowired JdbcClient jdbc;

  @Test
  void pickTheFolderModelsGenerateAndStoreCheckerScores() throws Exception {
    UI.getCurrent().navigate("generate");
    var view = _get(GenerateView.class);
    var form = view.form;
    assertThat(form.model.getListDataView().getItems().toList())
        .containsExactly("sketchbook-v1", "sketchbook-v1+tiny-clip", "tiny-sd+tiny-clip", "tiny-sd+sketchbook-v1");
    assertThat(form.model.getItemLabelGenerator().apply("tiny-sd+tiny-clip"))
        .isEqualTo("Tiny diffusion-shaped generator (test fixture) scored by Tiny CLIP-shaped checker (test fixture)");
    assertThat(form.process.getListDataView().getItems().toList()).containsExactly("diffusion", "dpmpp-2m", "guided", "evolve");

    _setValue(form.model, "tiny-sd+tiny-clip");
    assertThat(form.process.getListDataView().getItems().toList()).containsExactly("diffusion");
    assertThat(form.process.getValue()).isEqualTo("diffusion");

    _setValue(_get(TextArea.class, spec -> spec.withClasses("prompt-text")), "red apple:: table::0.5 --no blurry");
    _setValue(form.seed, "42");
    _setValue(form.steps, 4);
    _click(_get(Button.class, spec -> spec.withId("generate")));
    assertThat(form.error.isVisible()).as(form.error.getText()).isFalse();
    var id = view.monitor.runId().orElseThrow();
    RunWaits.until("run " + id + " finished", RunWaits.LIMIT, MockVaadin::runUIQueue,
        () -> generation.run(id).orElseThrow().status().finished());
    var run = generation.run(id).orElseThrow();
    assertThat(run.status()).as(run.toString()).isEqualTo(RunStatus.DONE);
    assertThat(run.recipe().modelId()).isEqualTo("tiny-sd+tiny-clip");
    assertThat(run.recipe().process()).isEqualTo("diffusion");
    var scores = jdbc.sql("select similarity from term_score where run_id = ? order by text").params(id).query(Double.class).list();
    assertThat(scores).hasSize(3).allSatisfy(s -> assertThat(s).isBetween(-1.0, 1.0));
  }
}
