package workbench.grid.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.dom.Element;
import java.util.Locale;
import java.util.Optional;
import workbench.grid.ExperimentDefinition;
import workbench.grid.ExperimentResult;
import workbench.grid.GridStatistics;
import workbench.grid.PairedComparison;
import workbench.grid.export.GridTables;
import workbench.run.GenerationService;
import workbench.run.ImageKind;
import workbench.run.ui.ImageSources;

/**
 * An experiment's results: the image grid (the same seeds in every row), the per-term
 * heatmap, mean ± sd per variant, and the paired comparisons with their verdicts.
 */
class ResultPanel extends VerticalLayout {

  private final GenerationService generation;

  ResultPanel(GenerationService generation) {
    this.generation = generation;
    setPadding(false);
    addClassName("grid-results");
  }

  void show(ExperimentResult result) {
    removeAll();
    var d = result.experiment().definition();
    add(new Paragraph(result.done() + " of " + d.cells() + " cells done · " + GridTables.settings(d)));
    for (int a = 0; a < d.axis().size(); a++) {
      var heading = GridTables.axisHeading(d, a);
      if (!heading.isEmpty()) {
        add(new H3(heading));
      }
      add(imageGrid(result, a));
    }
    if (!result.terms().isEmpty()) {
      add(new H3("Per-term heatmap"));
      for (var term : result.terms()) {
        add(heatmap(result, term));
      }
    }
    if (!result.summaries().isEmpty()) {
      add(new H3("Per variant: mean ± sd"), summaries(result));
    }
    if (!result.comparisons().isEmpty()) {
      add(new H3("Against the baseline, seed by seed"), comparisons(result));
    }
  }

  private Div imageGrid(ExperimentResult result, int axis) {
    var d = result.experiment().definition();
    var grid = new Div();
    grid.addClassName("cell-grid");
    grid.getStyle().set("grid-template-columns", "14em repeat(" + d.seeds().size() + ", 132px)");
    grid.add(new Span(""));
    for (long seed : d.seeds()) {
      var head = new Span("seed " + seed);
      head.addClassName("cell-grid-seed");
      grid.add(head);
    }
    for (int r = 0; r < d.variants().size(); r++) {
      grid.add(rowLabel(d.variants().get(r)));
      for (int s = 0; s < d.seeds().size(); s++) {
        grid.add(cell(result.cell(r, s, axis), d.variants().get(r), d.seeds().get(s)));
      }
    }
    return grid;
  }

  private static Div rowLabel(ExperimentDefinition.Variant v) {
    var label = new Div(new Span(v.label()));
    label.addClassName("cell-grid-label");
    var prompt = new Div(new Span(v.prompt()));
    prompt.addClassName("cell-grid-prompt");
    label.add(prompt);
    return label;
  }

  private Component cell(Optional<ExperimentResult.Cell> maybe, ExperimentDefinition.Variant variant, long seed) {
    var box = new Div();
    box.addClassName("grid-cell");
    if (maybe.isEmpty() || !maybe.get().done()) {
      box.addClassName("pending");
      box.add(new Span(maybe.flatMap(ExperimentResult.Cell::status).map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("not run")));
      return box;
    }
    var cell = maybe.get();
    var runId = cell.runId().orElseThrow();
    var image = new Image(ImageSources.stored(generation, runId, ImageKind.FINAL), variant.label() + ", seed " + seed);
    image.setWidth("128px");
    image.setHeight("128px");
    var score = new Span(GridTables.score(cell.combined().orElse(0.0)));
    score.addClassName("grid-cell-score");
    box.add(image, score);
    var hover = new StringBuilder("combined " + score.getText());
    cell.termScores().forEach((t, v) -> hover.append("\n").append(t).append(": ").append(String.format(Locale.ROOT, "%.1f", v)));
    box.getElement().setAttribute("title", hover.toString());
    box.addClickListener(e -> details(cell, variant, hover.toString()).open());
    return box;
  }

  private Dialog details(ExperimentResult.Cell cell, ExperimentDefinition.Variant variant, String scores) {
    var dialog = new Dialog();
    dialog.setHeaderTitle(variant.label() + " · seed " + cell.seed());
    var pre = new Paragraph(scores);
    pre.getStyle().set("white-space", "pre-line");
    var link = new Anchor("gallery/" + cell.runId().orElseThrow(), "Open in the gallery");
    dialog.add(new Image(ImageSources.stored(generation, cell.runId().orElseThrow(), ImageKind.FINAL), "cell"), pre, link);
    dialog.getFooter().add(new Button("Close", e -> dialog.close()));
    return dialog;
  }

  /** A table per term: variants × seeds, each cell coloured by its 0–100 score. */
  private Component heatmap(ExperimentResult result, String term) {
    var d = result.experiment().definition();
    var wrapper = new Div();
    wrapper.addClassName("heatmap");
    var caption = new Element("caption");
    caption.setText("'" + term + "'");
    var table = new Element("table");
    table.appendChild(caption);
    var head = new Element("tr");
    head.appendChild(th(""));
    for (int a = 0; a < d.axis().size(); a++) {
      for (long seed : d.seeds()) {
        head.appendChild(th(d.axis().size() > 1 ? d.axis().label(a) + " · " + seed : String.valueOf(seed)));
      }
    }
    table.appendChild(head);
    for (int r = 0; r < d.variants().size(); r++) {
      var tr = new Element("tr");
      tr.appendChild(th(d.variants().get(r).label()));
      for (int a = 0; a < d.axis().size(); a++) {
        for (int s = 0; s < d.seeds().size(); s++) {
          var value = result.cell(r, s, a).map(c -> c.termScores().get(term));
          var td = new Element("td");
          if (value.isPresent() && value.get() != null) {
            td.setText(String.format(Locale.ROOT, "%.1f", value.get()));
            td.getStyle().set("background", heat(value.get())).set("color", value.get() > 30 ? "white" : "inherit");
          } else {
            td.setText("—");
          }
          tr.appendChild(td);
        }
      }
      table.appendChild(tr);
    }
    wrapper.getElement().appendChild(table);
    return wrapper;
  }

  /** Pale to strong purple over the range where Sketchbook scores live (0–60). */
  static String heat(double score) {
    double t = Math.max(0, Math.min(1, score / 60));
    return String.format(Locale.ROOT, "hsl(262, 60%%, %.0f%%)", 96 - t * 46);
  }

  private Component summaries(ExperimentResult result) {
    var d = result.experiment().definition();
    var table = new Element("table");
    var head = new Element("tr");
    head.appendChild(th("Variant"), th("combined"));
    result.terms().forEach(t -> head.appendChild(th(t)));
    table.appendChild(head);
    for (var s : result.summaries()) {
      var tr = new Element("tr");
      var heading = GridTables.axisHeading(d, s.axisIndex());
      tr.appendChild(th(d.variants().get(s.row()).label() + (heading.isEmpty() ? "" : " · " + heading)));
      tr.appendChild(td(meanSd(s.combined())));
      for (var t : result.terms()) {
        tr.appendChild(td(s.terms().containsKey(t) ? meanSd(s.terms().get(t)) : "—"));
      }
      table.appendChild(tr);
    }
    var wrapper = new Div();
    wrapper.addClassName("stats-table");
    wrapper.getElement().appendChild(table);
    return wrapper;
  }

  private Component comparisons(ExperimentResult result) {
    var list = new Div();
    list.addClassName("verdicts");
    for (PairedComparison c : result.comparisons()) {
      var item = new Div();
      item.addClassName("verdict");
      var text = new Span(c.verdict());
      text.addClassName("verdict-text");
      var numbers = new Span(String.format(Locale.ROOT,
          "wins %d · losses %d · ties %d · mean difference %+.2f [95%% CI %+.2f, %+.2f] · sign test p = %.3f · Wilcoxon p = %.3f",
          c.wins(), c.losses(), c.ties(), c.meanDifference(), c.ci95Low(), c.ci95High(), c.signTestP(), c.wilcoxonP()));
      numbers.addClassName("verdict-numbers");
      item.add(text, numbers);
      list.add(item);
    }
    return list;
  }

  private static String meanSd(GridStatistics.Summary s) {
    return GridTables.meanSd(s);
  }

  private static Element th(String text) {
    var e = new Element("th");
    e.setText(text);
    return e;
  }

  private static Element td(String text) {
    var e = new Element("td");
    e.setText(text);
    return e;
  }
}
