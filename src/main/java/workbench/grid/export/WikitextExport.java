package workbench.grid.export;

import workbench.grid.ExperimentResult;

/**
 * MediaWiki wikitext: per third-axis value a {@code {| class="wikitable"}} with the variants
 * as rows and the seeds as columns, each cell the image ({@code [[File:...]]}) and its score,
 * then mean ± sd, and the verdicts under it. Drops straight into a wiki page, where every text
 * a user wrote stays text: no table cell it splits, no link, template, signature or tag.
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

  /**
   * User text as wikitext text on one line. Entities, not {@code <nowiki>}: they work the same
   * inside {@code <code>}, table cells and captions, and a user's own {@code </nowiki>} cannot
   * end them. Encoded everywhere: tags ({@code < > &}), cells ({@code | !}), bold and italics
   * ({@code '}), links and templates ({@code [ ] { }}), signatures ({@code ~}), headings and
   * parameters ({@code =}), behaviour switches ({@code __}), and {@code :}, which every free
   * external link needs ({@code http://}, {@code mailto:}); at the start, list and indent marks.
   */
  public static String escape(String text) {
    var out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '\r', '\n' -> out.append(' ');
        case '|', '!', '\'', '[', ']', '{', '}', '~', '=', '_', ':' -> out.append("&#").append((int) c).append(';');
        case '*', '#', ';' -> out.append(i == 0 ? "&#" + (int) c + ";" : String.valueOf(c));
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
