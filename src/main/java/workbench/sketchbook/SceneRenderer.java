package workbench.sketchbook;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Draws scenes with Java2D. Texture and jitter come from the scene seed, so pixels repeat. */
final class SceneRenderer {

  private static final Color DARK = new Color(45, 32, 30);
  private static final Color LIGHT = new Color(235, 235, 235);
  /** Pixel art is drawn on a coarse grid of this many image pixels per cell. */
  private static final int PIXEL = 2;
  /**
   * A small hand is drawn this much larger than other small objects: at their 13 pixels its
   * digits merge and cannot be counted; at 17 they can (still well under a big hand's 24).
   */
  private static final double SMALL_HAND = 1.3;

  private SceneRenderer() {}

  static BufferedImage render(Scene scene, int size) {
    var random = new SplittableRandom(scene.seed() ^ 0x5DEECE66DL);
    if (scene.style() == Style.PIXEL_ART) {
      int cells = (size + PIXEL - 1) / PIXEL;
      BufferedImage small = draw(scene, cells, random, false);
      BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = out.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      g.drawImage(small, 0, 0, cells * PIXEL, cells * PIXEL, null);
      g.dispose();
      return out;
    }
    return draw(scene, size, random, true);
  }

  private static BufferedImage draw(Scene scene, int size, SplittableRandom random, boolean antialias) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    hints(g, antialias);
    background(g, scene.background(), size, random);
    if (scene.style() == Style.WATERCOLOUR) {
      // Objects are painted on their own layer, then bled out with a blur.
      BufferedImage layer = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB_PRE);
      Graphics2D lg = layer.createGraphics();
      hints(lg, antialias);
      lg.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.85f));
      objects(lg, scene, size, random);
      lg.dispose();
      float[] kernel = new float[9];
      Arrays.fill(kernel, 1f / 9);
      var blur = new ConvolveOp(new Kernel(3, 3, kernel), ConvolveOp.EDGE_ZERO_FILL, null);
      BufferedImage blurred = blur.filter(blur.filter(layer, null), null);
      g.drawImage(blurred, 0, 0, null);
    } else {
      objects(g, scene, size, random);
    }
    g.dispose();
    return image;
  }

  private static void hints(Graphics2D g, boolean antialias) {
    Object aa = antialias ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF;
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  }

  private static void background(Graphics2D g, Background background, int size, SplittableRandom random) {
    g.setColor(background.base());
    g.fillRect(0, 0, size, size);
    double unit = size / 64.0;
    switch (background) {
      case TABLE -> {
        g.setColor(background.base().darker());
        g.setStroke(new BasicStroke((float) unit));
        for (int i = 0; i < 6; i++) {
          double y = random.nextDouble() * size;
          g.draw(new Line2D.Double(0, y, size, y + random.nextDouble() * 4 * unit - 2 * unit));
        }
      }
      case SKY -> {
        for (int y = size / 2; y < size; y++) {
          float t = (y - size / 2f) / size;
          g.setColor(new Color(1f, 1f, 1f, Math.min(0.5f, t)));
          g.fillRect(0, y, size, 1);
        }
      }
      case GRASS -> {
        g.setColor(new Color(60, 130, 50));
        g.setStroke(new BasicStroke((float) unit));
        for (int i = 0; i < 30; i++) {
          double x = random.nextDouble() * size;
          double y = random.nextDouble() * size;
          g.draw(new Line2D.Double(x, y, x + random.nextDouble() * 2 * unit - unit, y - 3 * unit));
        }
      }
      case NIGHT -> {
        g.setColor(new Color(200, 200, 230));
        for (int i = 0; i < 12; i++) {
          double x = random.nextDouble() * size;
          double y = random.nextDouble() * size;
          g.fill(new Ellipse2D.Double(x, y, unit, unit));
        }
      }
      case PAPER -> {
        // plain: nothing on it
      }
      default -> throw new IllegalStateException("unknown background " + background);
    }
  }

  private static void objects(Graphics2D g, Scene scene, int size, SplittableRandom random) {
    for (SceneObject object : scene.objects()) {
      double side = object.size().fraction() * size
          * (object.kind() == ObjectKind.HAND && object.size() == Size.SMALL ? SMALL_HAND : 1);
      double step = side * 1.08;
      for (int i = 0; i < object.count(); i++) {
        double offset = (i - (object.count() - 1) / 2.0) * step;
        double x = object.position().x() * size + (random.nextDouble() - 0.5) * 0.04 * size;
        double y = object.position().y() * size + (random.nextDouble() - 0.5) * 0.04 * size;
        if (object.position().stacksVertically()) {
          y += offset;
        } else {
          x += offset;
        }
        AffineTransform place = new AffineTransform();
        place.translate(x, y);
        place.scale(side, side);
        draw(g, Shapes.parts(object.kind(), object.fingers()), place, object.colour(), scene.style(), size);
      }
    }
  }

  private static void draw(
      Graphics2D g, List<Part> parts, AffineTransform place, Colour colour, Style style, int size) {
    Color body = colour.rgb();
    Color detail = colour == Colour.BLACK ? LIGHT : DARK;
    float line = (float) Math.max(1.0, size / 40.0);
    for (Part part : parts) {
      Shape shape = place.createTransformedShape(part.shape());
      Color paint = switch (part.role()) {
        case BODY -> body;
        case DETAIL -> detail;
        case FIXED -> part.fixed();
      };
      if (style == Style.OUTLINE && part.role() != Part.Role.DETAIL) {
        g.setColor(paint);
        g.setStroke(new BasicStroke(line, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(shape);
        continue;
      }
      g.setColor(paint);
      g.fill(shape);
      if (part.role() == Part.Role.BODY && (style == Style.STRIPED || style == Style.DOTTED)) {
        decorate(g, shape, body, style, size);
      }
    }
  }

  /** Stripes and dots contrast with the body so they read at 64 pixels. */
  private static void decorate(Graphics2D g, Shape shape, Color body, Style style, int size) {
    Shape clip = g.getClip();
    g.clip(shape);
    double luminance = 0.3 * body.getRed() + 0.59 * body.getGreen() + 0.11 * body.getBlue();
    g.setColor(luminance > 150 ? DARK : LIGHT);
    double unit = size / 64.0;
    var bounds = shape.getBounds2D();
    if (style == Style.STRIPED) {
      g.setStroke(new BasicStroke((float) (1.3 * unit)));
      for (double d = -bounds.getHeight(); d < bounds.getWidth(); d += 4 * unit) {
        g.draw(new Line2D.Double(bounds.getX() + d, bounds.getMaxY(), bounds.getX() + d + bounds.getHeight(), bounds.getY()));
      }
    } else {
      for (double y = bounds.getY() + unit; y < bounds.getMaxY(); y += 4 * unit) {
        for (double x = bounds.getX() + unit; x < bounds.getMaxX(); x += 4 * unit) {
          g.fill(new Ellipse2D.Double(x, y, 1.6 * unit, 1.6 * unit));
        }
      }
    }
    g.setClip(clip);
  }
}
