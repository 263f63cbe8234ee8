package workbench.library.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import workbench.library.LibraryService;
import workbench.library.PromptSummary;

/** Search prompts by text, title and tag across all libraries that are not archived. */
@Route("search")
@PermitAll
@PageTitle("Search prompts · Prompt Workbench")
@Menu(title = "Search prompts", order = 2, icon = "vaadin:search")
public class PromptSearchView extends VerticalLayout {

  final TextField query = new TextField();
  final Grid<PromptSummary> results = new Grid<>(PromptSummary.class, false);

  public PromptSearchView(LibraryService service) {
    setSizeFull();
    query.setPlaceholder("text, title or tag…");
    query.setPrefixComponent(VaadinIcon.SEARCH.create());
    query.setValueChangeMode(ValueChangeMode.LAZY);
    query.setClearButtonVisible(true);
    query.setWidth("32em");
    query.setId("search");
    query.addValueChangeListener(e -> results.setItems(service.search(e.getValue())));
    results.addColumn(PromptSummary::title).setHeader("Title").setFlexGrow(2);
    results.addColumn(PromptSummary::libraryName).setHeader("Library").setFlexGrow(1);
    results.addColumn(p -> String.join(", ", p.tags())).setHeader("Tags").setFlexGrow(1);
    results.addColumn(PromptSummary::latestText).setHeader("Latest text").setFlexGrow(4);
    results.setEmptyStateText("Type to search every library.");
    results.addItemClickListener(
        e -> getUI().ifPresent(ui -> ui.navigate(PromptView.class, PromptView.params(e.getItem().id()))));
    add(new H2("Search prompts"), query, results);
  }
}
