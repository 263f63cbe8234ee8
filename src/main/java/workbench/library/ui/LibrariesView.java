package workbench.library.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import workbench.library.Library;
import workbench.library.LibraryService;
import workbench.shared.Timestamps;
import workbench.ui.Notifications;

/** All libraries: create, open, rename, archive, delete, import. */
@Route("")
@PermitAll
@PageTitle("Libraries · Prompt Workbench")
@Menu(title = "Libraries", order = 1, icon = "vaadin:book")
public class LibrariesView extends VerticalLayout {

  private final LibraryService service;
  private final Grid<Library> grid = new Grid<>(Library.class, false);
  private final Checkbox showArchived = new Checkbox("Show archived");

  /** Who is signed in: editors see the buttons that change things (the services refuse the rest anyway). */
  private final AuthenticationContext authentication;

  public LibrariesView(LibraryService service, AuthenticationContext authentication) {
    this.authentication = authentication;
    this.service = service;
    setSizeFull();
    var create = new Button("New library", VaadinIcon.PLUS.create(), e -> openCreate());
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    create.setId("new-library");
    var importButton = new Button("Import…", VaadinIcon.UPLOAD.create(), e -> openImport());
    importButton.setId("import-library");
    // Viewers browse; the service would refuse them anyway.
    create.setVisible(authentication.hasRole("EDITOR"));
    importButton.setVisible(authentication.hasRole("EDITOR"));
    showArchived.addValueChangeListener(e -> refresh());
    var toolbar = new HorizontalLayout(create, importButton, showArchived);
    toolbar.setDefaultVerticalComponentAlignment(Alignment.CENTER);

    grid.addColumn(Library::name).setHeader("Library").setFlexGrow(2).setSortable(true);
    grid.addColumn(Library::description).setHeader("Description").setFlexGrow(3);
    grid.addColumn(Library::owner).setHeader("Owner").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(l -> l.visibility().label()).setHeader("Who may read").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(Library::promptCount).setHeader("Prompts").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(l -> Timestamps.LOCAL_MINUTES.format(l.updatedAt())).setHeader("Updated").setAutoWidth(true).setFlexGrow(0);
    grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
    grid.addItemClickListener(e -> open(e.getItem()));
    grid.setEmptyStateText("No libraries yet: make one with “New library” or import a file.");
    add(new H2("Prompt libraries"), toolbar, grid);
    refresh();
  }

  void refresh() {
    grid.setItems(service.libraries(showArchived.getValue()));
  }

  private HorizontalLayout actions(Library library) {
    var rename = new Button(VaadinIcon.EDIT.create(), e -> openRename(library));
    rename.setTooltipText("Rename");
    rename.setAriaLabel("Rename " + library.name());
    var archive =
        new Button(
            library.archived() ? VaadinIcon.ARROW_BACKWARD.create() : VaadinIcon.ARCHIVE.create(),
            e -> toggleArchive(library));
    archive.setTooltipText(library.archived() ? "Restore from archive" : "Archive");
    archive.setAriaLabel((library.archived() ? "Restore " : "Archive ") + library.name());
    var delete = new Button(VaadinIcon.TRASH.create(), e -> new DeleteLibraryDialog(service, library, this::refresh).open());
    delete.setTooltipText("Delete…");
    delete.setAriaLabel("Delete " + library.name());
    delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
    for (var b : new Button[] {rename, archive, delete}) {
      b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
    }
    var row = new HorizontalLayout(rename, archive, delete);
    row.setVisible(library.changeable() && authentication.hasRole("EDITOR"));
    if (library.archived()) {
      row.addComponentAsFirst(new Span("archived"));
    }
    return row;
  }

  private void open(Library library) {
    getUI().ifPresent(ui -> ui.navigate(LibraryView.class, LibraryView.params(library.id())));
  }

  private void openCreate() {
    new LibraryDialog(
            "New library",
            "",
            "",
            (name, description) -> {
              var made = service.createLibrary(name, description);
              Notifications.success("Library '" + made.name() + "' created");
              refresh();
            })
        .open();
  }

  private void openRename(Library library) {
    new LibraryDialog(
            "Rename library",
            library.name(),
            library.description(),
            (name, description) -> {
              service.renameLibrary(library.id(), name);
              service.describeLibrary(library.id(), description);
              refresh();
            })
        .open();
  }

  private void toggleArchive(Library library) {
    service.archiveLibrary(library.id(), !library.archived());
    Notifications.success(
        library.archived() ? "'" + library.name() + "' is back" : "'" + library.name() + "' archived: nothing is deleted, “Show archived” finds it");
    refresh();
  }

  private void openImport() {
    new ImportDialog(service, result -> refresh()).open();
  }
}
