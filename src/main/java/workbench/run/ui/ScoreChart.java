package workbench.run.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import workbench.loop.LoopResult;
import workbench.loop.TermScores;

/**
 * The score trace of a run as an SVG line chart drawn on the server: the combined score (thick)
 * and each term's score per step, 0–100. Live runs add a point per step; finished runs show
 * their stored trace. A legend names the colours.
 */
public class ScoreChart extends Composite<Div> {

  static final int WIDTH = 480;
  static final int HEIGHT = 200;
  private static final int LEFT = 32;
  private static final int BOTTOM = 20;
  private static final String[] COLOURS = {"#e4572e", "#17bebb", "#ffc914", "#2e86ab", "#76b041", "#a23b72", "#8c564b"};

  /** One step's scores, already 0–100. */
  record Point(int step, double combined, double[] terms) {}

  private final Svg svg = new Svg();
  private final Div legend = new Div();
  private final List<Point> points = new ArrayList<>();
  private List<String> terms = List.of();
  private int steps = 1;
  /** The step a scrubber shows, drawn as a vertical line; -1 for none. */
  private int marked = -1;

  public ScoreChart() {
    getContent().addClassName("score-chart");
    legend.addClassName("score-chart-legend");
    getContent().add(svg, legend);
    redraw();
  }

  /** Starts an empty chart for a run of {@code steps} steps over these terms. */
  public void reset(List<String> termTexts, int totalSteps) {
    terms = List.copyOf(termTexts);
    steps = Math.max(1, totalSteps);
    points.clear();
    marked = -1;
    redraw();
  }

  /** Adds (or replaces) the point of a step as it arrives. */
  public void add(int step, TermScores scores) {
    var termScores = scores.terms().stream().mapToDouble(TermScores.TermScore::score).toArray();
    points.removeIf(p -> p.step() == step);
    points.add(new Point(step, scores.combinedScore(), termScores));
    points.sort(Comparator.comparingInt(Point::step));
    redraw();
  }

  /** Shows a stored trace (cosine similarities, as the loop records them). */
  public void show(List<String> termTexts, int totalSteps, List<LoopResult.TraceStep> trace) {
    reset(termTexts, totalSteps);
    for (var t : trace) {
      var display = new double[t.terms().length];
      for (int i = 0; i < display.length; i++) {
        display[i] = TermScores.display(t.terms()[i]);
      }
      points.add(new Point(t.step(), TermScores.display(t.combined()), display));
    }
    redraw();
  }

  /** Marks step {@code step} with a vertical line (the step a scrubber shows). */
  public void mark(int step) {
    marked = step;
    svg.setSvg(render());
  }

  /** The marked step, -1 when none. */
  public int markedStep() {
    return marked;
  }

  /** Number of steps drawn (for tests and the page's summary). */
  public int pointCount() {
    return points.size();
  }

  /** The SVG text as sent to the browser. */
  public String svgText() {
    return render();
  }

  private void redraw() {
    svg.setSvg(render());
    // The legend names each line and, once there is a step, its latest score.
    var last = points.isEmpty() ? null : points.get(points.size() - 1);
    legend.removeAll();
    legend.add(swatch("combined" + (last == null ? "" : " " + format(last.combined())), "var(--lumo-primary-color)"));
    for (int i = 0; i < terms.size(); i++) {
      var score = last == null || last.terms().length <= i ? "" : " " + format(last.terms()[i]);
      legend.add(swatch(terms.get(i) + score, colour(i)));
    }
  }

  private static String format(double score) {
    return String.format(Locale.ROOT, "%.1f", score);
  }

  /** The legend as read: "combined 40.0", "red apple 40.0", … */
  public List<String> legend() {
    return legend.getChildren().map(c -> c.getElement().getText()).toList();
  }

  private String render() {
    var out = new StringBuilder();
    out.append("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("' role='img' aria-label='Scores per step' class='score-chart-svg'>");
    for (int v = 0; v <= 100; v += 25) {
      double y = y(v);
      out.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' class='grid'/>", LEFT, WIDTH, y, y));
      out.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' class='axis'>%d</text>", LEFT - 4, y + 4, v));
    }
    out.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='axis'>0</text>", LEFT, HEIGHT - 4));
    out.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='axis end'>step %d</text>", WIDTH, HEIGHT - 4, steps));
    for (int t = 0; t < terms.size(); t++) {
      final int term = t;
      out.append(line(points.stream().filter(p -> p.terms().length > term).map(p -> xy(p.step(), p.terms()[term])).toList(),
          colour(t), 1.5, "term"));
    }
    out.append(line(points.stream().map(p -> xy(p.step(), p.combined())).toList(), "var(--lumo-primary-color, #6c3fc5)", 3, "combined"));
    if (marked >= 0) {
      double x = LEFT + (WIDTH - LEFT) * Math.min(marked, steps) / (double) steps;
      out.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' class='marker' data-step='%d'/>",
          x, x, y(100), y(0), marked));
    }
    return out.append("</svg>").toString();
  }

  private static String line(List<String> xy, String colour, double width, String kind) {
    if (xy.isEmpty()) {
      return "";
    }
    if (xy.size() == 1) {
      var p = xy.get(0).split(",");
      return "<circle cx='" + p[0] + "' cy='" + p[1] + "' r='" + width + "' fill='" + colour + "' class='" + kind + "'/>";
    }
    return "<polyline fill='none' stroke='" + colour + "' stroke-width='" + width + "' class='" + kind + "' points='"
        + String.join(" ", xy) + "'/>";
  }

  private String xy(int step, double score) {
    double x = LEFT + (WIDTH - LEFT) * Math.min(step, steps) / (double) steps;
    return String.format(Locale.ROOT, "%.1f,%.1f", x, y(score));
  }

  private static double y(double score) {
    return 6 + (HEIGHT - BOTTOM - 6) * (1 - Math.max(0, Math.min(100, score)) / 100.0);
  }

  private static String colour(int i) {
    return COLOURS[i % COLOURS.length];
  }

  private static Span swatch(String label, String colour) {
    var s = new Span(label);
    s.addClassName("score-chart-key");
    s.getStyle().set("--key-colour", colour);
    return s;
  }
}
