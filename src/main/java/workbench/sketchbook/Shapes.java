package workbench.sketchbook;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;

/** The drawings of each object kind, in a unit box centred on the origin (y grows downwards). */
final class Shapes {

  static final Color TRUNK = new Color(110, 70, 35);
  static final Color CRUST = new Color(212, 170, 110);
  static final Color SLICE = new Color(250, 236, 185);

  private Shapes() {}

  static List<Part> parts(ObjectKind kind, int fingers) {
    List<Part> parts = new ArrayList<>();
    switch (kind) {
      case APPLE -> {
        parts.add(Part.body(union(circle(-0.12, 0.06, 0.33), circle(0.12, 0.06, 0.33))));
        parts.add(Part.detail(new Rectangle2D.Double(-0.03, -0.46, 0.06, 0.2)));
        parts.add(Part.detail(new Ellipse2D.Double(0.03, -0.42, 0.18, 0.09)));
      }
      case PEAR -> {
        parts.add(Part.body(union(circle(0, 0.17, 0.3), circle(0, -0.15, 0.19))));
        parts.add(Part.detail(new Rectangle2D.Double(-0.025, -0.48, 0.05, 0.16)));
      }
      case BANANA -> {
        Area crescent = new Area(new Ellipse2D.Double(-0.5, -0.4, 1.0, 0.8));
        crescent.subtract(new Area(new Ellipse2D.Double(-0.48, -0.62, 0.96, 0.8)));
        parts.add(Part.body(crescent));
        parts.add(Part.detail(circle(-0.47, 0.0, 0.04)));
        parts.add(Part.detail(circle(0.47, 0.0, 0.04)));
      }
      case BALL -> {
        parts.add(Part.body(circle(0, 0, 0.45)));
        parts.add(Part.detail(stroke(new Arc2D.Double(-0.75, -0.45, 0.9, 0.9, -50, 100, Arc2D.OPEN), 0.05)));
        parts.add(Part.detail(stroke(new Arc2D.Double(-0.15, -0.45, 0.9, 0.9, 130, 100, Arc2D.OPEN), 0.05)));
      }
      case BOX -> {
        Shape front = new Rectangle2D.Double(-0.42, -0.22, 0.62, 0.62);
        Shape top = polygon(-0.42, -0.22, -0.2, -0.42, 0.42, -0.42, 0.2, -0.22);
        Shape side = polygon(0.2, -0.22, 0.42, -0.42, 0.42, 0.2, 0.2, 0.4);
        parts.add(Part.body(union(front, top, side)));
        parts.add(Part.detail(stroke(polygon(-0.42, -0.22, 0.2, -0.22, 0.42, -0.42), 0.035)));
        parts.add(Part.detail(stroke(new Line2D.Double(0.2, -0.22, 0.2, 0.4), 0.035)));
      }
      case TREE -> {
        parts.add(Part.fixed(new Rectangle2D.Double(-0.08, 0.05, 0.16, 0.45), TRUNK));
        parts.add(Part.body(union(circle(0, -0.12, 0.34), circle(-0.15, 0.02, 0.2), circle(0.15, 0.02, 0.2))));
      }
      case HOUSE -> {
        Shape walls = new Rectangle2D.Double(-0.35, -0.05, 0.7, 0.52);
        Shape roof = polygon(-0.47, -0.03, 0, -0.47, 0.47, -0.03);
        parts.add(Part.body(union(walls, roof)));
        parts.add(Part.detail(new Rectangle2D.Double(-0.08, 0.2, 0.16, 0.27)));
        parts.add(Part.detail(new Rectangle2D.Double(0.15, 0.06, 0.12, 0.11)));
      }
      case SUN -> {
        Area sun = new Area(circle(0, 0, 0.26));
        for (int i = 0; i < 8; i++) {
          double a = i * Math.PI / 4;
          sun.add(new Area(stroke(new Line2D.Double(
              0.33 * Math.cos(a), 0.33 * Math.sin(a), 0.48 * Math.cos(a), 0.48 * Math.sin(a)), 0.07)));
        }
        parts.add(Part.body(sun));
      }
      case MOON -> {
        Area moon = new Area(circle(0, 0, 0.42));
        moon.subtract(new Area(circle(0.2, -0.1, 0.36)));
        parts.add(Part.body(moon));
      }
      case STAR -> {
        Path2D.Double star = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
          double r = i % 2 == 0 ? 0.5 : 0.21;
          double a = -Math.PI / 2 + i * Math.PI / 5;
          if (i == 0) {
            star.moveTo(r * Math.cos(a), r * Math.sin(a) + 0.04);
          } else {
            star.lineTo(r * Math.cos(a), r * Math.sin(a) + 0.04);
          }
        }
        star.closePath();
        parts.add(Part.body(star));
      }
      case FLOWER -> {
        parts.add(Part.detail(stroke(new Line2D.Double(0, 0.1, 0, 0.5), 0.06)));
        Area petals = new Area();
        for (int i = 0; i < 5; i++) {
          double a = -Math.PI / 2 + i * 2 * Math.PI / 5;
          petals.add(new Area(circle(0.2 * Math.cos(a), -0.1 + 0.2 * Math.sin(a), 0.15)));
        }
        parts.add(Part.body(petals));
        parts.add(Part.detail(circle(0, -0.1, 0.09)));
      }
      case CUP -> {
        Shape body = polygon(-0.33, -0.3, 0.25, -0.3, 0.18, 0.38, -0.26, 0.38);
        Shape handle = stroke(new Ellipse2D.Double(0.1, -0.18, 0.34, 0.32), 0.08);
        parts.add(Part.body(union(body, handle)));
        parts.add(Part.detail(stroke(new Line2D.Double(-0.33, -0.3, 0.25, -0.3), 0.05)));
      }
      case FISH -> {
        Shape body = new Ellipse2D.Double(-0.45, -0.22, 0.66, 0.44);
        Shape tail = polygon(0.15, 0, 0.48, -0.24, 0.48, 0.24);
        parts.add(Part.body(union(body, tail)));
        parts.add(Part.detail(circle(-0.26, -0.05, 0.055)));
      }
      case FACE -> {
        parts.add(Part.body(circle(0, 0, 0.46)));
        parts.add(Part.detail(circle(-0.15, -0.1, 0.065)));
        parts.add(Part.detail(circle(0.15, -0.1, 0.065)));
        parts.add(Part.detail(stroke(new Arc2D.Double(-0.22, -0.12, 0.44, 0.4, 200, 140, Arc2D.OPEN), 0.05)));
      }
      case HAND -> parts.add(Part.body(hand(fingers)));
      case TART -> {
        parts.add(Part.fixed(circle(0, 0, 0.47), CRUST));
        parts.add(Part.body(circle(0, 0, 0.36)));
        Area lattice = new Area();
        for (double d = -0.24; d <= 0.25; d += 0.16) {
          lattice.add(new Area(stroke(new Line2D.Double(d, -0.4, d, 0.4), 0.06)));
          lattice.add(new Area(stroke(new Line2D.Double(-0.4, d, 0.4, d), 0.06)));
        }
        lattice.intersect(new Area(circle(0, 0, 0.4)));
        parts.add(Part.fixed(lattice, CRUST));
      }
      case APPLE_TART -> {
        parts.add(Part.fixed(circle(0, 0, 0.47), CRUST));
        parts.add(Part.body(circle(0, 0, 0.36)));
        Area slices = new Area();
        for (int i = 0; i < 7; i++) {
          double a = i * 2 * Math.PI / 7;
          Area slice = new Area(new Ellipse2D.Double(0.06, -0.06, 0.28, 0.12));
          slice.transform(AffineTransform.getRotateInstance(a));
          slices.add(slice);
        }
        parts.add(Part.fixed(slices, SLICE));
      }
      default -> throw new IllegalStateException("no drawing for " + kind);
    }
    return parts;
  }

  /**
   * A palm and {@code fingers} digits fanned out from it, the thumb (the first) among them: a
   * person counts every digit, and fanned tips stay apart on a small hand (17 pixels across),
   * where side-by-side fingers merged into a block no one could count.
   */
  private static Shape hand(int fingers) {
    Area hand = new Area(new RoundRectangle2D.Double(-0.24, -0.02, 0.44, 0.42, 0.2, 0.2));
    double gap = Math.toRadians(23);
    double first = Math.toRadians(-76); // the thumb, out to the left
    double width = 0.12;
    for (int i = 0; i < fingers; i++) {
      double angle = first + gap * i + (i == 0 ? 0 : Math.toRadians(10));
      double length = i == 0 ? 0.5 : 0.7;
      Area digit = new Area(new RoundRectangle2D.Double(-width / 2, -length, width, length, width, width));
      digit.transform(AffineTransform.getRotateInstance(angle));
      digit.transform(AffineTransform.getTranslateInstance(-0.02, 0.22));
      hand.add(digit);
    }
    return hand;
  }

  private static Shape circle(double x, double y, double r) {
    return new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
  }

  private static Shape union(Shape... shapes) {
    Area area = new Area();
    for (Shape s : shapes) {
      area.add(new Area(s));
    }
    return area;
  }

  private static Shape polygon(double... xy) {
    Path2D.Double path = new Path2D.Double();
    path.moveTo(xy[0], xy[1]);
    for (int i = 2; i < xy.length; i += 2) {
      path.lineTo(xy[i], xy[i + 1]);
    }
    path.closePath();
    return path;
  }

  private static Shape stroke(Shape shape, double width) {
    return new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
        .createStrokedShape(shape);
  }
}
