package workbench.grid.export;

import workbench.grid.ExperimentResult;

/** The same grid as a Markdown table (GitHub-flavoured), with image links and scores. */
public final class MarkdownExport {

  private MarkdownExport() {}

  public static String of(ExperimentResult result) {
    var d = result.experiment().definition();
    var out = new StringBuilder();
    out.append("## ").append(d.title()).append("\n\n_").append(GridTables.settings(d))
        .append("; the same seeds in every row._\n\n");
    for (int a = 0; a < d.axis().size(); a++) {
      var heading = GridTables.axisHeading(d, a);
      if (!heading.isEmpty()) {
        out.append("### ").append(heading).append("\n\n");
      }
      out.append("| Variant |");
      d.seeds().forEach(seed -> out.append(" Seed ").append(seed).append(" |"));
      out.append(" Mean ± sd |\n|---|");
      d.seeds().forEach(seed -> out.append("---|"));
      out.append("---|\n");
      for (int r = 0; r < d.variants().size(); r++) {
        var v = d.variants().get(r);
        out.append("| **").append(escape(v.label())).append("**<br>`").append(escape(v.prompt())).append("` |");
        for (int s = 0; s < d.seeds().size(); s++) {
          var cell = result.cell(r, s, a).filter(ExperimentResult.Cell::done);
          out.append(' ');
          if (cell.isPresent()) {
            out.append("![seed ").append(cell.get().seed()).append("](").append(GridTables.fileName(d, cell.get()))
                .append(")<br>").append(GridTables.score(cell.get().combined().orElse(0.0)));
          } else {
            out.append("—");
          }
          out.append(" |");
        }
        int row = r;
        int axis = a;
        out.append(' ').append(result.summaries().stream().filter(s -> s.row() == row && s.axisIndex() == axis)
            .findFirst().map(s -> GridTables.meanSd(s.combined())).orElse("—")).append(" |\n");
      }
      out.append('\n');
    }
    if (!result.comparisons().isEmpty()) {
      out.append("**Verdict**\n\n");
      result.comparisons().forEach(c -> out.append("- ").append(c.verdict()).append('\n'));
    }
    return out.toString();
  }

  static String escape(String text) {
    return text.replace("|", "\\|").replace("`", "'").replace("\n", " ");
  }
}
