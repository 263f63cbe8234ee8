package workbench.run.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import workbench.run.GenerationService;
import workbench.run.ModelChoice;

/** The Admin page's models: those this instance offers, and the folders of workbench.models.dir it left out (and why). */
public class ModelsPanel extends VerticalLayout {

  public ModelsPanel(GenerationService generation) {
    setPadding(false);
    var modelGrid = new Grid<ModelChoice>();
    modelGrid.setId("models");
    modelGrid.addColumn(ModelChoice::id).setHeader("Model").setAutoWidth(true);
    modelGrid.addColumn(ModelChoice::label).setHeader("What it is").setFlexGrow(2);
    modelGrid.addColumn(m -> String.join(", ", m.processes())).setHeader("Art processes").setAutoWidth(true);
    modelGrid.setItems(generation.models());
    modelGrid.setAllRowsVisible(true);
    var modelProblems = new VerticalLayout();
    modelProblems.setId("model-problems");
    modelProblems.setPadding(false);
    generation.modelProblems().forEach(problem -> modelProblems.add(new Paragraph("Left out: " + problem)));
    add(modelGrid, modelProblems);
  }
}
