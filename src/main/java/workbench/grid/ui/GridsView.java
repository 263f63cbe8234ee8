package workbench.grid.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import workbench.grid.Experiment;
import workbench.grid.GridService;
import workbench.grid.InvalidExperimentException;
import workbench.library.LibraryService;
import workbench.shared.Timestamps;

/** Every experiment, searchable; a new grid; import of an experiment JSON. */
@Route("grids")
@PermitAll
@PageTitle("Grids · Prompt Workbench")
@Menu(title = "A/B grids", order = 4, icon = "vaadin:grid-small")
public class GridsView extends VerticalLayout {

  private final GridService grids;
  final TextField search = new TextField();
  final Grid<Experiment> list = new Grid<>(Experiment.class, false);
  final GridForm form;
  final Paragraph importError = new Paragraph();

  /** Who is signed in: editors see the buttons that change things (the services refuse the rest anyway). */
  private final AuthenticationContext authentication;

  public GridsView(GridService grids, LibraryService libraries, AuthenticationContext authentication) {
    this.authentication = authentication;
    this.grids = grids;
    setSizeFull();
    form = new GridForm(grids, libraries);
    form.setVisible(false);
    form.addCreatedListener(e -> UI.getCurrent().navigate(GridView.class, GridView.params(e.id())));

    var create = new Button("New grid", VaadinIcon.PLUS.create(), e -> form.setVisible(!form.isVisible()));
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    create.setId("new-grid");
    search.setPlaceholder("search titles, notes and prompts…");
    search.setValueChangeMode(ValueChangeMode.LAZY);
    search.setClearButtonVisible(true);
    search.setWidth("24em");
    search.addValueChangeListener(e -> refresh());
    var upload = new Upload(UploadHandler.inMemory((meta, data) -> importJson(data)));
    upload.setAcceptedFileTypes(".json", "application/json");
    upload.setMaxFileSize(1_000_000);
    upload.setDropLabel(new Span("Import an experiment .json"));
    importError.addClassName("import-error");
    importError.setId("grid-import-error");
    importError.setVisible(false);

    list.addColumn(e -> e.definition().title()).setHeader("Experiment").setFlexGrow(2);
    list.addColumn(e -> e.definition().variants().size() + " × " + e.definition().seeds().size()
        + (e.definition().axis().size() > 1 ? " × " + e.definition().axis().size() : "")).setHeader("Rows × seeds").setAutoWidth(true);
    list.addColumn(e -> e.definition().variants().get(0).prompt()).setHeader("Baseline").setFlexGrow(3);
    list.addColumn(e -> Timestamps.LOCAL_MINUTES.format(e.createdAt())).setHeader("Created").setAutoWidth(true);
    list.addColumn(e -> e.owner()).setHeader("Owner").setAutoWidth(true);
    list.addColumn(e -> e.visibility().label()).setHeader("Who may read").setAutoWidth(true);
    list.addItemClickListener(e -> UI.getCurrent().navigate(GridView.class, GridView.params(e.getItem().id())));
    list.setEmptyStateText("No grids yet: “New grid” compares wordings on the same seeds.");

    // Viewers browse; the service would refuse them anyway.
    create.setVisible(authentication.hasRole("EDITOR"));
    upload.setVisible(authentication.hasRole("EDITOR"));
    add(new H2("A/B seed grids"), new HorizontalLayout(create, search), form, list, upload, importError);
    refresh();
  }

  void refresh() {
    list.setItems(grids.search(search.getValue()));
  }

  private void importJson(byte[] json) {
    var ui = UI.getCurrent();
    ui.access(() -> {
      try {
        var id = grids.importJson(json);
        importError.setVisible(false);
        ui.navigate(GridView.class, GridView.params(id));
      } catch (InvalidExperimentException e) {
        importError.setText(e.getMessage());
        importError.setVisible(true);
      }
    });
  }
}
