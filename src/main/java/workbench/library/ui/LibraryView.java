package workbench.library.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import workbench.account.Visibility;
import workbench.account.ui.ShareDialog;
import workbench.library.Library;
import workbench.library.LibraryInputException;
import workbench.library.LibraryService;
import workbench.library.PromptDraft;
import workbench.library.PromptSummary;

/** One library: its prompts, a new prompt, and the export menu (the workbench's JSON, A1111's styles.csv). */
@Route("libraries/:libraryId")
@PermitAll
public class LibraryView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

  private final LibraryService service;
  private final H2 heading = new H2();
  private final Paragraph description = new Paragraph();
  private final Grid<PromptSummary> grid = new Grid<>(PromptSummary.class, false);
  private final HorizontalLayout toolbar = new HorizontalLayout();
  private long libraryId;
  private String title = "Library";

  /** Who is signed in: editors see the buttons that change things (the services refuse the rest anyway). */
  private final AuthenticationContext authentication;

  public LibraryView(LibraryService service, AuthenticationContext authentication) {
    this.authentication = authentication;
    this.service = service;
    setSizeFull();
    grid.addColumn(PromptSummary::title).setHeader("Title").setFlexGrow(2).setSortable(true);
    grid.addColumn(p -> String.join(", ", p.tags())).setHeader("Tags").setFlexGrow(1);
    grid.addColumn(PromptSummary::latestText).setHeader("Latest text").setFlexGrow(4);
    grid.addColumn(PromptSummary::versionCount).setHeader("Versions").setAutoWidth(true).setFlexGrow(0);
    grid.addItemClickListener(e -> openPrompt(e.getItem().id()));
    grid.setEmptyStateText("No prompts yet: add one with “New prompt”.");
    add(heading, description, toolbar, grid);
  }

  public static RouteParameters params(long libraryId) {
    return new RouteParameters("libraryId", String.valueOf(libraryId));
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    var library =
        event.getRouteParameters().getLong("libraryId").flatMap(id -> find(id));
    if (library.isEmpty()) {
      event.rerouteToError(NotFoundException.class, "That library does not exist (any more).");
      return;
    }
    show(library.get());
  }

  private Optional<Library> find(long id) {
    try {
      return Optional.of(service.library(id));
    } catch (workbench.library.NotFoundException e) {
      return Optional.empty();
    }
  }

  private void show(Library library) {
    libraryId = library.id();
    title = library.name() + " · Prompt Workbench";
    heading.setText(library.name() + (library.archived() ? " (archived)" : ""));
    description.setText(library.description());
    var create = new Button("New prompt", VaadinIcon.PLUS.create(), e -> openCreate());
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    create.setId("new-prompt");
    var export = exportMenu(library);
    create.setVisible(library.changeable() && authentication.hasRole("EDITOR"));
    var share = new Button("Share…", VaadinIcon.USERS.create(), e -> openShare(library));
    share.setId("share-library");
    share.setVisible(library.changeable() && authentication.hasRole("EDITOR"));
    toolbar.removeAll();
    toolbar.add(create, export, share);
    refresh();
  }

  /**
   * Export ▾: the library as the workbench's JSON (every version, re-importable as it is) or as
   * A1111's styles.csv (each prompt's latest text and negative prompt, in the order made).
   */
  private MenuBar exportMenu(Library library) {
    var json = new Anchor(DownloadHandler.fromInputStream(event -> {
      var bytes = service.exportJson(libraryId).getBytes(StandardCharsets.UTF_8);
      return new DownloadResponse(new ByteArrayInputStream(bytes), fileName(library.name()), "application/json", bytes.length);
    }), "Library JSON (every version)");
    json.setId("export-json");
    var csv = new Anchor(DownloadHandler.fromInputStream(event -> {
      var bytes = service.exportStylesCsv(libraryId);
      return new DownloadResponse(new ByteArrayInputStream(bytes), "styles.csv", "text/csv;charset=UTF-8", bytes.length);
    }), "A1111 styles.csv (latest texts)");
    csv.setId("export-styles-csv");
    var menu = new MenuBar();
    menu.setId("export-menu");
    menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY);
    var root = menu.addItem(new Span(VaadinIcon.DOWNLOAD.create(),
        new Span(" Export")));
    root.getSubMenu().addItem(json);
    root.getSubMenu().addItem(csv);
    return menu;
  }

  private void refresh() {
    grid.setItems(service.prompts(libraryId));
  }

  private void openShare(Library library) {
    var choices = List.of(Visibility.PRIVATE, Visibility.SHARED,
        Visibility.EVERYONE);
    new ShareDialog("'" + library.name() + "'", library.visibility(), library.sharedWith(), choices,
        (visibility, users) -> show(service.share(library.id(), visibility, users))).open();
  }

  private void openPrompt(long promptId) {
    getUI().ifPresent(ui -> ui.navigate(PromptView.class, PromptView.params(promptId)));
  }

  private void openCreate() {
    var dialog = new Dialog();
    dialog.setHeaderTitle("New prompt");
    var titleField = new TextField("Title");
    titleField.setId("prompt-title");
    var text = new TextArea("Prompt");
    text.setId("prompt-text");
    text.setPlaceholder("apple:: tart::2");
    text.setWidthFull();
    dialog.add(new FormLayout(titleField, text));
    var save =
        new Button(
            "Create",
            e -> {
              try {
                var prompt = service.createPrompt(libraryId, PromptDraft.of(titleField.getValue(), text.getValue()));
                dialog.close();
                openPrompt(prompt.id());
              } catch (LibraryInputException ex) {
                var field = ex.field().equals("title") ? titleField : null;
                if (field != null) {
                  field.setErrorMessage(ex.getMessage());
                  field.setInvalid(true);
                } else {
                  text.setErrorMessage(ex.getMessage());
                  text.setInvalid(true);
                }
              }
            });
    save.setId("create-prompt");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
    dialog.open();
  }

  static String fileName(String name) {
    var safe = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("(^-+|-+$)", "");
    return (safe.isEmpty() ? "library" : safe) + ".library.json";
  }

  @Override
  public String getPageTitle() {
    return title;
  }
}
