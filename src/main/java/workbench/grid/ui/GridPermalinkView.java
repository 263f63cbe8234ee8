package workbench.grid.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import workbench.grid.GridService;
import workbench.run.GenerationService;
import workbench.ui.Markdown;

/**
 * The read-only page of an experiment, for sharing: results and notes, no controls. Anyone
 * may open the route; the service shows a grid only to those who may read it (anyone, for
 * a PUBLIC grid), so a private one is "not found".
 */
@Route("grids/:id/view")
@AnonymousAllowed
public class GridPermalinkView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

  private final GridService grids;
  private final ResultPanel results;
  private final H2 heading = new H2();
  private final VerticalLayout notes = new VerticalLayout();
  private String title = "Grid";

  public GridPermalinkView(GridService grids, GenerationService generation) {
    this.grids = grids;
    this.results = new ResultPanel(generation);
    notes.setPadding(false);
    add(heading, notes, results);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    var result = event.getRouteParameters().get("id").flatMap(GridView::uuid).flatMap(grids::permalink);
    if (result.isEmpty()) {
      event.rerouteToError(NotFoundException.class, "That experiment does not exist, or is not shared with you.");
      return;
    }
    var d = result.get().experiment().definition();
    title = d.title() + " · Prompt Workbench";
    heading.setText(d.title());
    notes.removeAll();
    if (!d.notes().isBlank()) {
      notes.add(Markdown.component(d.notes()));
    }
    results.show(result.get());
  }

  @Override
  public String getPageTitle() {
    return title;
  }
}
