package workbench.grid.export;

import workbench.grid.ExperimentResult;

/**
 * MediaWiki wikitext: per third-axis value a {@code {| class="wikitable"}} with the variants
 * as rows and the seeds as columns, each cell the image ({@code [[File:...]]}) and its score,
 * then mean ± sd, and the verdicts under it. Drops straight into a wiki page.
 */
public final class WikitextExport {

  private WikitextExport() {}

  public static String of(ExperimentResult result) {
    var d = result.experiment().definition();
    var out = new StringBuilder();
    out.append("== ").append(escape(d.title())).append(" ==\n");
    out.append("''").append(escape(GridTables.settings(d))).append("; the same seeds in every row.''\n\n");
    for (int a = 0; a < d.axis().size(); a++) {
      out.append("{| class=\"wikitable\"\n");
      var heading = GridTables.axisHeading(d, a);
      out.append("|+ ").append(escape(d.title())).append(heading.isEmpty() ? "" : " — " + escape(heading)).append('\n');
      out.append("! Variant");
      for (long seed : d.seeds()) {
        out.append(" !! Seed ").append(seed);
      }
      out.append(" !! Mean ± sd\n");
      for (int r = 0; r < d.variants().size(); r++) {
        out.append("|-\n! ").append(escape(d.variants().get(r).label())).append("<br/><code>")
            .append(escape(d.variants().get(r).prompt())).append("</code>\n");
        for (int s = 0; s < d.seeds().size(); s++) {
          var cell = result.cell(r, s, a);
          out.append("| ");
          if (cell.isPresent() && cell.get().done()) {
            out.append("[[File:").append(GridTables.fileName(d, cell.get())).append("|128px]]<br/>")
                .append(GridTables.score(cell.get().combined().orElse(0.0)));
          } else {
            out.append("—");
          }
          out.append('\n');
        }
        int row = r;
        int axis = a;
        out.append("| ").append(result.summaries().stream()
            .filter(v -> v.row() == row && v.axisIndex() == axis).findFirst()
            .map(v -> GridTables.meanSd(v.combined())).orElse("—")).append('\n');
      }
      out.append("|}\n\n");
    }
    if (!result.comparisons().isEmpty()) {
      out.append("'''Verdict'''\n");
      for (var c : result.comparisons()) {
        out.append("* ").append(escape(c.verdict())).append('\n');
      }
    }
    return out.toString();
  }

  /** Keeps table syntax characters in prompts from breaking the table. */
  static String escape(String text) {
    return text.replace("|", "&#124;").replace("[[", "&#91;&#91;").replace("{{", "&#123;&#123;")
        .replace("\n", " ");
  }
}
