package workbench.gallery.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import workbench.gallery.GalleryFilter;
import workbench.gallery.GalleryItem;
import workbench.gallery.GalleryService;
import workbench.gallery.GallerySettings;
import workbench.gallery.GallerySort;
import workbench.library.LibraryService;
import workbench.run.RunStatus;
import workbench.run.ui.ImageSources;
import workbench.run.ui.RunResult;
import workbench.shared.Timestamps;

/**
 * Every stored image, newest first: a lazy grid whose rows the database pages (only the
 * visible page is fetched, with the 64×64 RAW image as thumbnail), filters above it, stars,
 * and a compare of the rows ticked.
 */
@PermitAll
@Route("gallery")
@PageTitle("Gallery · Prompt Workbench")
@Menu(title = "Gallery", order = 3, icon = "vaadin:picture")
public class GalleryView extends VerticalLayout {

  private final GalleryService gallery;
  final GalleryFilterBar filters;
  final Grid<GalleryItem> grid = new Grid<>();
  final Span count = new Span();
  final Button compare = new Button("Compare selected", VaadinIcon.SPLIT.create());
  private GalleryFilter filter = GalleryFilter.all();
  private GallerySort sort = GallerySort.NEWEST;

  /** Who is signed in: editors see the buttons that change things (the services refuse the rest anyway). */
  private final AuthenticationContext authentication;

  public GalleryView(GalleryService gallery, LibraryService libraries, GallerySettings settings, AuthenticationContext authentication) {
    this.authentication = authentication;
    this.gallery = gallery;
    addClassName("gallery-view");
    setSizeFull();
    filters = new GalleryFilterBar(gallery, libraries);
    filters.addFilterChangedListener(e -> {
      filter = e.filter();
      sort = e.sort();
      refresh();
    });

    grid.setId("gallery-grid");
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    grid.setPageSize(settings.pageSize());
    grid.setSelectionMode(Grid.SelectionMode.MULTI);
    // Links, not row clicks: a click on a row ticks it for compare; the image opens the detail.
    grid.addColumn(LitRenderer.<GalleryItem>of(
                "<a href='gallery/${item.id}'><img class='gallery-thumb' src='${item.thumb}' alt='Run ${item.id}'></a>")
            .withProperty("id", item -> item.runId().toString())
            .withProperty("thumb", item -> ImageSources.dataUrl(item.thumbnailPng())))
        .setHeader("Image").setWidth("84px").setFlexGrow(0);
    grid.addColumn(GalleryItem::prompt).setHeader("Prompt").setFlexGrow(3);
    grid.addComponentColumn(GalleryView::state).setHeader("State").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(GalleryItem::seed).setHeader("Seed").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(GalleryItem::process).setHeader("Process").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(item -> String.format(Locale.ROOT, "%.1f", item.score())).setHeader("Score")
        .setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(item -> Timestamps.LOCAL_MINUTES.format(item.createdAt())).setHeader("Made").setAutoWidth(true).setFlexGrow(0);
    grid.addComponentColumn(this::starButton).setHeader("★").setWidth("70px").setFlexGrow(0);
    grid.addItemDoubleClickListener(e -> UI.getCurrent().navigate(RunDetailView.class, RunDetailView.params(e.getItem().runId())));
    grid.setItems(
        query -> gallery.page(filter, sort, query.getOffset(), query.getLimit()).stream(),
        query -> gallery.count(filter));
    grid.setSizeFull();

    compare.setId("compare-selected");
    compare.setEnabled(false);
    compare.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    grid.addSelectionListener(e -> compare.setEnabled(e.getAllSelectedItems().size() >= 2));
    compare.addClickListener(e -> {
      var ids = grid.getSelectedItems().stream().map(GalleryItem::runId).toList();
      UI.getCurrent().navigate("compare", RunResult.compareParameters(ids.get(0), ids.subList(1, ids.size())));
    });
    count.setId("gallery-count");
    var header = new HorizontalLayout(new H2("Gallery"), count, compare);
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    add(header, filters, grid);
    refresh();
  }

  void refresh() {
    grid.getDataProvider().refreshAll();
    int n = gallery.count(filter);
    count.setText(n == 1 ? "1 image" : n + " images");
  }

  private static Span state(GalleryItem item) {
    var badge = new Span(item.status() == RunStatus.DONE ? "done" : "cancelled");
    badge.getElement().getThemeList().add("badge small pill");
    badge.getElement().getThemeList().add(item.status() == RunStatus.DONE ? "success" : "contrast");
    return badge;
  }

  private Button starButton(GalleryItem item) {
    var star = new Button((item.starred() ? VaadinIcon.STAR : VaadinIcon.STAR_O).create());
    star.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
    star.setAriaLabel(item.starred() ? "Remove from favourites" : "Add to favourites");
    star.addClassName(item.starred() ? "starred" : "not-starred");
    star.setEnabled(authentication.hasRole("EDITOR")); // viewers see favourites but do not change them
    star.addClickListener(e -> {
      gallery.star(item.runId(), !item.starred());
      grid.getDataProvider().refreshAll();
    });
    return star;
  }
}
