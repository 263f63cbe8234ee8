package workbench.gallery.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import workbench.gallery.GalleryFilter;
import workbench.gallery.GalleryItem;
import workbench.gallery.GalleryService;
import workbench.gallery.GallerySort;
import workbench.gallery.RunComparison;
import workbench.run.GenerationService;
import workbench.run.ImageKind;
import workbench.run.Run;
import workbench.run.ui.ImageSources;
import workbench.run.ui.RunResult;

/**
 * Two or more runs side by side ({@code compare?runs=id,id,…}): their final images at the
 * same scale, a slider overlay when there are two, and tables of their recipes and per-term
 * scores where only the rows that differ are highlighted.
 */
@PermitAll
@Route("compare")
@PageTitle("Compare · Prompt Workbench")
public class CompareView extends VerticalLayout implements BeforeEnterObserver {

  static final int MAX_RUNS = 8;

  private final GenerationService generation;
  private final GalleryService gallery;
  final Div images = new Div();
  final Div overlay = new Div();
  final Grid<RunComparison.Row> recipeDiff = new Grid<>();
  final Grid<RunComparison.Row> scoreDiff = new Grid<>();
  final ComboBox<GalleryItem> add = new ComboBox<>("Add a run");
  final Paragraph message = new Paragraph();
  private List<Run> runs = List.of();

  public CompareView(GenerationService generation, GalleryService gallery) {
    this.generation = generation;
    this.gallery = gallery;
    addClassName("compare-view");
    images.addClassName("compare-images");
    overlay.addClassName("compare-overlay");
    message.setId("compare-message");
    for (var grid : List.of(recipeDiff, scoreDiff)) {
      grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_COLUMN_BORDERS);
      grid.setAllRowsVisible(true);
      grid.setPartNameGenerator(row -> row.differs() ? "differs" : null);
    }
    recipeDiff.setId("recipe-diff");
    scoreDiff.setId("score-diff");
    add.setId("compare-add");
    add.setWidth("32em");
    add.setItemLabelGenerator(i -> i.prompt() + " · seed " + i.seed() + " · " + String.format(Locale.ROOT, "%.1f", i.score()));
    add.setItems(query -> gallery.page(GalleryFilter.all().withText(query.getFilter().orElse("")), GallerySort.NEWEST,
        query.getOffset(), query.getLimit()).stream());
    add.addValueChangeListener(e -> {
      if (e.getValue() != null) {
        var ids = new ArrayList<>(runs.stream().map(Run::id).toList());
        ids.add(e.getValue().runId());
        UI.getCurrent().navigate("compare", RunResult.compareParameters(ids.get(0), ids.subList(1, ids.size())));
      }
    });
    add(new H2("Compare"), message, images, overlay, new H3("Recipe"), recipeDiff, new H3("Scores (0–100)"), scoreDiff, add);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    var ids = event.getLocation().getQueryParameters().getSingleParameter("runs").map(CompareView::ids).orElse(List.of());
    var found = new ArrayList<Run>();
    var missing = new ArrayList<String>();
    for (var id : ids.subList(0, Math.min(ids.size(), MAX_RUNS))) {
      uuid(id).flatMap(generation::run).ifPresentOrElse(found::add, () -> missing.add(id));
    }
    runs = List.copyOf(found);
    message.setText((missing.isEmpty() ? "" : "Not found: " + String.join(", ", missing) + ". ")
        + (ids.size() > MAX_RUNS ? "Showing the first " + MAX_RUNS + " runs. " : "")
        + (runs.size() < 2 ? "Pick runs to compare: tick them in the gallery, or add one below." : ""));
    message.setVisible(!message.getText().isEmpty());
    show();
  }

  public List<Run> runs() {
    return runs;
  }

  private void show() {
    images.removeAll();
    overlay.removeAll();
    for (int i = 0; i < runs.size(); i++) {
      var run = runs.get(i);
      var image = new Image(ImageSources.stored(generation, run.id(), ImageKind.FINAL), label(i, run));
      image.addClassName("compare-image");
      var caption = new RouterLink(label(i, run), RunDetailView.class, RunDetailView.params(run.id()));
      var card = new Div(image, caption);
      card.addClassName("compare-card");
      images.add(card);
    }
    overlay.setVisible(runs.size() == 2);
    if (runs.size() == 2) {
      overlay.add(new CompareSlider(
          ImageSources.stored(generation, runs.get(0).id(), ImageKind.FINAL), label(0, runs.get(0)),
          ImageSources.stored(generation, runs.get(1).id(), ImageKind.FINAL), label(1, runs.get(1))),
          new Span("Slide: left uncovers " + label(0, runs.get(0)) + " over " + label(1, runs.get(1))));
    }
    table(recipeDiff, RunComparison.recipes(runs));
    table(scoreDiff, RunComparison.scores(runs));
    add.clear();
  }

  private void table(Grid<RunComparison.Row> grid, List<RunComparison.Row> rows) {
    grid.removeAllColumns();
    grid.addColumn(RunComparison.Row::name).setHeader("").setAutoWidth(true).setFlexGrow(0).setFrozen(true);
    for (int i = 0; i < runs.size(); i++) {
      final int column = i;
      grid.addColumn(row -> row.values().get(column)).setHeader(label(i, runs.get(i))).setFlexGrow(1);
    }
    grid.setItems(rows);
    grid.setVisible(!runs.isEmpty());
  }

  static String label(int index, Run run) {
    return "#" + (index + 1) + " seed " + run.recipe().seed();
  }

  private static List<String> ids(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
  }

  private static Optional<UUID> uuid(String s) {
    try {
      return Optional.of(UUID.fromString(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
