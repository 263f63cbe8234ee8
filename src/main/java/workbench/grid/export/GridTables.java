package workbench.grid.export;

import java.util.Locale;
import workbench.grid.ExperimentDefinition;
import workbench.grid.ExperimentResult;
import workbench.grid.GridStatistics;

/** What the wikitext and Markdown tables share: file names, labels, number formats. */
public final class GridTables {

  private GridTables() {}

  /** A file-name-safe slug of the title. */
  public static String slug(ExperimentDefinition d) {
    var s = d.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    return s.isEmpty() ? "grid" : s.substring(0, Math.min(40, s.length()));
  }

  /** The cell image's file name in the ZIP and in {@code [[File:...]]} links. */
  public static String fileName(ExperimentDefinition d, ExperimentResult.Cell cell) {
    return slug(d) + "-r" + (cell.row() + 1) + "-s" + cell.seed()
        + (d.axis().size() > 1 ? "-a" + (cell.axisIndex() + 1) : "") + ".png";
  }

  public static String score(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  public static String meanSd(GridStatistics.Summary s) {
    return String.format(Locale.ROOT, "%.1f ± %.1f", s.mean(), s.sd());
  }

  public static String settings(ExperimentDefinition d) {
    return d.steps() + " steps, " + d.process() + ", upscale ×" + d.upscale()
        + (d.cfgScale() == null ? "" : ", CFG scale " + score(d.cfgScale()))
        + (d.negativePrompt().isEmpty() ? "" : ", negative prompt: " + d.negativePrompt())
        + (d.axis().size() > 1 ? ", third axis: " + d.axis().kind().id()
            + (d.axis().kind() == ExperimentDefinition.Axis.Kind.WEIGHT ? " of '" + d.axis().term() + "'" : "")
            + " = " + String.join(", ", d.axis().values()) : "");
  }

  public static String axisHeading(ExperimentDefinition d, int axis) {
    return d.axis().size() > 1 ? d.axis().label(axis) : "";
  }
}
