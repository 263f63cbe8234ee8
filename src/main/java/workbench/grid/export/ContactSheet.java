package workbench.grid.export;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import workbench.grid.ExperimentResult;

/**
 * The grid as one labelled PNG for a wiki page: title and settings, per third-axis value a
 * block with seed headers, a label column (variant and prompt), each cell's image with its
 * score, and a legend with mean ± sd and the verdicts. About 1,000 px wide for 6 seeds.
 */
public final class ContactSheet {

  static final int CELL = 128;
  static final int GAP = 8;
  static final int LABEL = 240;
  static final int MARGIN = 16;
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 12);
  private static final Color INK = new Color(0x22, 0x22, 0x22);
  private static final Color MUTED = new Color(0x66, 0x66, 0x66);

  private ContactSheet() {}

  /** Width in pixels for a grid with {@code seeds} columns. */
  public static int width(int seeds) {
    return 2 * MARGIN + LABEL + seeds * (CELL + GAP);
  }

  /** Draws the sheet; {@code images} are the cells' final images by run id. */
  public static BufferedImage draw(ExperimentResult result, Map<UUID, BufferedImage> images) {
    var d = result.experiment().definition();
    int width = width(d.seeds().size());
    var legend = legendLines(result);
    int blockHeight = 24 + d.variants().size() * (CELL + 24 + GAP);
    int height = MARGIN + 52 + d.axis().size() * (blockHeight + 12) + 20 + legendHeight(legend, width) + MARGIN;
    var sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = sheet.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);

    int y = MARGIN;
    g.setColor(INK);
    g.setFont(TITLE);
    g.drawString(d.title(), MARGIN, y + 18);
    g.setFont(TEXT);
    g.setColor(MUTED);
    g.drawString(GridTables.settings(d) + "; the same seeds in every row", MARGIN, y + 38);
    y += 52;

    for (int a = 0; a < d.axis().size(); a++) {
      g.setFont(BOLD);
      g.setColor(INK);
      var heading = GridTables.axisHeading(d, a);
      if (!heading.isEmpty()) {
        g.drawString(heading, MARGIN, y + 14);
      }
      for (int s = 0; s < d.seeds().size(); s++) {
        g.drawString("seed " + d.seeds().get(s), MARGIN + LABEL + s * (CELL + GAP), y + 14);
      }
      y += 24;
      for (int r = 0; r < d.variants().size(); r++) {
        var v = d.variants().get(r);
        g.setFont(BOLD);
        g.setColor(INK);
        int ly = y + 14;
        for (var line : wrap(g.getFontMetrics(), v.label(), LABEL - GAP, 2)) {
          g.drawString(line, MARGIN, ly);
          ly += 15;
        }
        g.setFont(TEXT);
        g.setColor(MUTED);
        for (var line : wrap(g.getFontMetrics(), v.prompt(), LABEL - GAP, 5)) {
          g.drawString(line, MARGIN, ly);
          ly += 14;
        }
        for (int s = 0; s < d.seeds().size(); s++) {
          int x = MARGIN + LABEL + s * (CELL + GAP);
          var cell = result.cell(r, s, a).filter(ExperimentResult.Cell::done);
          var image = cell.flatMap(ExperimentResult.Cell::runId).map(images::get).orElse(null);
          if (image != null) {
            g.drawImage(image, x, y, CELL, CELL, null);
            g.setFont(BOLD);
            g.setColor(INK);
            g.drawString(GridTables.score(cell.get().combined().orElse(0.0)), x, y + CELL + 16);
          } else {
            g.setColor(new Color(0xEE, 0xEE, 0xEE));
            g.fillRect(x, y, CELL, CELL);
            g.setColor(MUTED);
            g.setFont(TEXT);
            g.drawString("not done", x + 8, y + CELL / 2);
          }
        }
        y += CELL + 24 + GAP;
      }
      y += 12;
    }

    y += 8;
    g.setFont(TEXT);
    g.setColor(INK);
    for (var line : legend) {
      for (var wrapped : wrap(g.getFontMetrics(), line, width - 2 * MARGIN, 4)) {
        g.drawString(wrapped, MARGIN, y + 12);
        y += 16;
      }
    }
    g.dispose();
    return sheet;
  }

  private static List<String> legendLines(ExperimentResult result) {
    var d = result.experiment().definition();
    var lines = new ArrayList<String>();
    for (var s : result.summaries()) {
      var label = d.variants().get(s.row()).label();
      var heading = GridTables.axisHeading(d, s.axisIndex());
      lines.add(label + (heading.isEmpty() ? "" : " (" + heading + ")") + ": combined " + GridTables.meanSd(s.combined()));
    }
    result.comparisons().stream().filter(c -> c.what().equals("combined") || result.terms().contains(c.what()))
        .forEach(c -> lines.add(c.verdict()));
    return lines;
  }

  private static int legendHeight(List<String> lines, int width) {
    var probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    probe.setFont(TEXT);
    int count = 0;
    for (var line : lines) {
      count += wrap(probe.getFontMetrics(), line, width - 2 * MARGIN, 4).size();
    }
    probe.dispose();
    return count * 16 + 8;
  }

  /** Word-wraps text to a pixel width, at most {@code maxLines} lines (the last ends in …). */
  static List<String> wrap(FontMetrics metrics, String text, int width, int maxLines) {
    var lines = new ArrayList<String>();
    var line = new StringBuilder();
    for (var word : text.replace('\n', ' ').split(" ")) {
      var candidate = line.isEmpty() ? word : line + " " + word;
      if (metrics.stringWidth(candidate) <= width || line.isEmpty()) {
        line.setLength(0);
        line.append(candidate);
      } else {
        lines.add(line.toString());
        line.setLength(0);
        line.append(word);
      }
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    if (lines.size() > maxLines) {
      var kept = new ArrayList<>(lines.subList(0, maxLines));
      kept.set(maxLines - 1, kept.get(maxLines - 1) + " …");
      return kept;
    }
    return lines;
  }

}
