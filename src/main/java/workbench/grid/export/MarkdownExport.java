package workbench.grid.export;

import workbench.grid.ExperimentResult;

/**
 * The same grid as a Markdown table (GitHub-flavoured), with image links and scores. Every text
 * a user wrote (title, labels, prompts, probes in the settings and verdicts) is written as text:
 * it is pasted into READMEs and wikis whose renderers would otherwise run its HTML and links.
 */
public final class MarkdownExport {

  private MarkdownExport() {}

  public static String of(ExperimentResult result) {
    var d = result.experiment().definition();
    var out = new StringBuilder();
    out.append("## ").append(text(d.title())).append("\n\n_").append(text(GridTables.settings(d)))
        .append("; the same seeds in every row._\n\n");
    for (int a = 0; a < d.axis().size(); a++) {
      var heading = GridTables.axisHeading(d, a);
      if (!heading.isEmpty()) {
        out.append("### ").append(text(heading)).append("\n\n");
      }
      out.append("| Variant |");
      d.seeds().forEach(seed -> out.append(" Seed ").append(seed).append(" |"));
      out.append(" Mean ± sd |\n|---|");
      d.seeds().forEach(seed -> out.append("---|"));
      out.append("---|\n");
      for (int r = 0; r < d.variants().size(); r++) {
        var v = d.variants().get(r);
        // The prompt in <code> rather than a code span: a span can hold neither an escaped pipe
        // nor a backslash before one safely in every renderer; escaped text in <code> can.
        out.append("| **").append(text(v.label().strip())).append("**<br><code>").append(text(v.prompt()))
            .append("</code> |");
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
      result.comparisons().forEach(c -> out.append("- ").append(text(c.verdict())).append('\n'));
    }
    return out.toString();
  }

  /**
   * User text as Markdown text on one line: HTML's {@code < > &} as entities, and a backslash
   * before every other ASCII punctuation mark that can start Markdown (emphasis, code, links,
   * autolinks such as {@code http:} or {@code <lora:…>}, table pipes, list and heading marks).
   * CommonMark lets any ASCII punctuation be escaped so, and pandoc's Markdown too.
   */
  public static String text(String text) {
    var out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '\r', '\n' -> out.append(' ');
        case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '.', '!', '|', '~', ':', '@', '$', '=',
            '^' -> out.append('\\').append(c);
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
