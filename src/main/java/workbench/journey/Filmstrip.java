package workbench.journey;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import workbench.loop.PngMetadata;
import workbench.loop.RecipeText;
import workbench.run.RunSnapshot;

/**
 * The loop as one PNG: the journey's frames left to right, each its snapshot enlarged
 * {@value #SCALE}× (nearest neighbour, so every stored pixel stays a block of the same colour),
 * labelled with its step and combined score, optionally each term's score under it. Where the
 * art process predicts the final image, a second row shows that prediction. The PNG carries
 * the run's recipe in the same text chunks as the run's own images, so it can be recalled.
 */
public final class Filmstrip {

  public static final int SCALE = 2;
  static final int GAP = 8;
  static final int MARGIN = 12;
  static final int TITLE = 22;
  static final int ROW_LABEL = 16;
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
  private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 11);
  private static final Color INK = new Color(0x22, 0x22, 0x22);
  private static final Color MUTED = new Color(0x66, 0x66, 0x66);

  private Filmstrip() {}

  /** The PNG, with the run's recipe in its text chunks. */
  public static byte[] png(Journey journey, boolean terms) {
    var recipe = journey.run().recipe();
    return PngMetadata.write(draw(journey, terms), RecipeText.pngTexts(recipe));
  }

  /** Where frame {@code index} of a row lies ({@code predicted}: the row of predictions). */
  public static Rectangle frame(Journey journey, int index, boolean predicted) {
    int size = frameSize(journey);
    int y = MARGIN + TITLE + ROW_LABEL + (predicted ? size + ROW_LABEL + GAP : 0);
    return new Rectangle(MARGIN + index * (size + GAP), y, size, size);
  }

  public static BufferedImage draw(Journey journey, boolean terms) {
    if (journey.isEmpty()) {
      throw new IllegalArgumentException("run " + journey.run().id() + " kept no snapshots: there is no loop to show");
    }
    var frames = journey.frames();
    int size = frameSize(journey);
    boolean predicted = journey.hasPredicted();
    int termLines = terms ? journey.run().recipe().terms().size() : 0;
    int labels = 32 + 13 * termLines;
    int width = 2 * MARGIN + frames.size() * (size + GAP) - GAP;
    int rows = frame(journey, 0, predicted).y + size;
    int height = rows + labels + MARGIN;
    var strip = new BufferedImage(Math.max(width, 320), height, BufferedImage.TYPE_INT_RGB);
    var g = strip.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, strip.getWidth(), height);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    // Frames are scaled by whole pixels: what the page shows is exactly what was kept.
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);

    var recipe = journey.run().recipe();
    g.setColor(INK);
    g.setFont(TITLE_FONT);
    g.drawString(fit(g.getFontMetrics(), recipe.prompt(), strip.getWidth() - 2 * MARGIN), MARGIN, MARGIN + 14);
    g.setFont(TEXT);
    g.setColor(MUTED);
    var top = frame(journey, 0, false).y;
    g.drawString(fit(g.getFontMetrics(), "seed " + recipe.seed() + " · " + recipe.process() + " art process · "
        + recipe.steps() + " steps: from static to image done", strip.getWidth() - 2 * MARGIN), MARGIN, top - 4);
    if (predicted) {
      g.drawString("its prediction of the image done, as the check output scored it",
          MARGIN, frame(journey, 0, true).y - 4);
    }
    for (int i = 0; i < frames.size(); i++) {
      var snapshot = frames.get(i);
      var at = frame(journey, i, false);
      g.drawImage(PngMetadata.decode(snapshot.png()), at.x, at.y, at.width, at.height, null);
      if (predicted) {
        var p = frame(journey, i, true);
        g.drawImage(PngMetadata.decode(snapshot.predictedPng()), p.x, p.y, p.width, p.height, null);
      }
      label(g, snapshot, at.x, rows, size, terms);
    }
    g.dispose();
    return strip;
  }

  private static void label(Graphics2D g, RunSnapshot snapshot, int x, int rowsEnd, int size, boolean terms) {
    int y = rowsEnd + 14;
    g.setColor(INK);
    g.setFont(BOLD);
    g.drawString("step " + snapshot.step(), x, y);
    y += 14;
    g.setFont(TEXT);
    g.drawString("score " + score(snapshot.scores().combinedScore()), x, y);
    if (terms) {
      g.setColor(MUTED);
      for (var t : snapshot.scores().terms()) {
        y += 13;
        var score = " " + score(t.score());
        var fm = g.getFontMetrics();
        g.drawString(fit(fm, t.text(), size - fm.stringWidth(score)) + score, x, y);
      }
    }
  }

  static String score(double score) {
    return String.format(Locale.ROOT, "%.1f", score);
  }

  /** Snapshots are kept at the model's size, which is what the frames enlarge. */
  private static int frameSize(Journey journey) {
    return journey.isEmpty() ? 0 : PngMetadata.size(journey.snapshots().get(0).png())[0] * SCALE;
  }

  /** {@code text} cut with an ellipsis to fit {@code width} pixels. */
  private static String fit(FontMetrics fm, String text, int width) {
    if (fm.stringWidth(text) <= width) {
      return text;
    }
    var out = text;
    while (!out.isEmpty() && fm.stringWidth(out + "…") > width) {
      out = out.substring(0, out.length() - 1);
    }
    return out + "…";
  }
}
