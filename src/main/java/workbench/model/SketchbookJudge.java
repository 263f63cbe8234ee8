package workbench.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import workbench.sketchbook.Attribute;
import workbench.sketchbook.Background;
import workbench.sketchbook.Colour;
import workbench.sketchbook.Description;
import workbench.sketchbook.ObjectClaim;
import workbench.sketchbook.ObjectKind;
import workbench.sketchbook.Position;
import workbench.sketchbook.Size;
import workbench.sketchbook.Style;

/**
 * The independent judge: reads what a person would see in an image (per position: kind,
 * colour, size, count, a hand's fingers; the scene's background and style) and says whether a
 * caption's claims hold. Trained only on renders, never on generated images, and never used by
 * the loop or to train the generator: a score the loop optimises cannot also be the measure of
 * whether it worked. Every call works in its own sub-manager and parameter store, so threads
 * may share one judge.
 */
public final class SketchbookJudge implements AutoCloseable {

  /** Images per forward pass: bounds the native memory of one call. */
  private static final int CHUNK = 256;

  private final Model model;
  private final JudgeNetwork network;
  private final ModelCard card;

  private SketchbookJudge(Model model, JudgeNetwork network, ModelCard card) {
    this.model = model;
    this.network = network;
    this.card = card;
  }

  /** The shipped weights from the classpath, on the CPU. */
  public static SketchbookJudge load() {
    return load(ModelSource.classpath(), Device.cpu());
  }

  /** Fails with a {@link ModelLoadException} naming the file when judge.params is missing or corrupt. */
  public static SketchbookJudge load(ModelSource source, Device device) {
    ModelCard card = source.card();
    var network = new JudgeNetwork();
    Model model = Networks.load(source, card, JudgeTraining.WEIGHTS, network, device, JudgeNetwork.imageShape(1));
    return new SketchbookJudge(model, network, card);
  }

  public ModelCard card() {
    return card;
  }

  /** What the judge sees in each image; images of other sizes are scaled to 64×64 first. */
  public List<JudgeReading> read(List<BufferedImage> images) {
    float[] logits = logits(images);
    List<JudgeReading> out = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      out.add(decode(logits, i));
    }
    return out;
  }

  /** The penultimate layer ({@value JudgeNetwork#FEATURES} values per image), for a Fréchet distance. */
  public float[][] features(List<BufferedImage> images) {
    float[] flat = forward(images, 1);
    float[][] out = new float[images.size()][JudgeNetwork.FEATURES];
    for (int i = 0; i < out.length; i++) {
      System.arraycopy(flat, i * JudgeNetwork.FEATURES, out[i], 0, JudgeNetwork.FEATURES);
    }
    return out;
  }

  /** Raw logits in {@link JudgeNetwork}'s layout, {@code OUTPUTS} per image. */
  float[] logits(List<BufferedImage> images) {
    return forward(images, 0);
  }

  private float[] forward(List<BufferedImage> images, int output) {
    int width = output == 0 ? JudgeNetwork.OUTPUTS : JudgeNetwork.FEATURES;
    float[] out = new float[images.size() * width];
    for (int from = 0; from < images.size(); from += CHUNK) {
      List<BufferedImage> chunk = images.subList(from, Math.min(images.size(), from + CHUNK));
      try (NDManager scope = model.getNDManager().newSubManager()) {
        var store = new ParameterStore(scope, false);
        NDList result = network.forward(store, new NDList(SketchbookChecker.imageArray(scope, chunk)), false);
        float[] values = result.get(output).toFloatArray();
        System.arraycopy(values, 0, out, from * width, values.length);
      }
    }
    return out;
  }

  private static JudgeReading decode(float[] logits, int row) {
    int base = row * JudgeNetwork.OUTPUTS;
    List<JudgeReading.Seen> seen = new ArrayList<>();
    for (Position position : Position.values()) {
      int slot = base + position.ordinal() * JudgeNetwork.SLOT;
      double[] kind = softmax(logits, slot + JudgeNetwork.KIND_AT, JudgeNetwork.KINDS);
      int k = argMax(kind, 0, JudgeNetwork.KINDS);
      if (k == JudgeNetwork.NOTHING) {
        continue;
      }
      double[] colour = softmax(logits, slot + JudgeNetwork.COLOUR_AT, JudgeNetwork.COLOURS);
      double[] size = softmax(logits, slot + JudgeNetwork.SIZE_AT, JudgeNetwork.SIZES);
      double[] count = softmax(logits, slot + JudgeNetwork.COUNT_AT, JudgeNetwork.COUNTS);
      double[] fingers = softmax(logits, slot + JudgeNetwork.FINGERS_AT, JudgeNetwork.FINGERS);
      int c = argMax(colour, 0, colour.length);
      int s = argMax(size, 0, size.length);
      int n = argMax(count, 0, count.length);
      ObjectKind objectKind = ObjectKind.values()[k];
      // Whether it is a hand is the kind head's call; the fingers head only counts them.
      boolean hand = objectKind == ObjectKind.HAND;
      int f = argMax(fingers, 0, JudgeNetwork.NOT_A_HAND);
      seen.add(new JudgeReading.Seen(position, 1 - kind[JudgeNetwork.NOTHING], objectKind, kind[k],
          Colour.values()[c], colour[c], Size.values()[s], size[s], n + 1, count[n],
          hand ? f + 3 : 0, hand ? fingers[f] / (1 - fingers[JudgeNetwork.NOT_A_HAND]) : 1));
    }
    double[] background = softmax(logits, base + JudgeNetwork.BACKGROUND_AT, JudgeNetwork.BACKGROUNDS);
    double[] style = softmax(logits, base + JudgeNetwork.STYLE_AT, JudgeNetwork.STYLES);
    int b = argMax(background, 0, background.length);
    int st = argMax(style, 0, style.length);
    return new JudgeReading(Background.values()[b], background[b], Style.values()[st], style[st], seen);
  }

  /** True when every claim of the description holds in the reading: {@link Description#isTrueFor}'s rule. */
  public static boolean meets(JudgeReading reading, Description description) {
    return (description.style() == null || description.style() == reading.style())
        && (description.background() == null || description.background() == reading.background())
        && matched(reading.objects(), description.objects(), (claim, seen) -> claim.holdsFor(seen.asSceneObject()));
  }

  /**
   * True when the description's claims about one attribute hold: the claimed kinds are seen
   * (each claim at a different position) with the claimed {@code attribute}. An attribute the
   * description does not mention holds, except that OBJECT is always said; use
   * {@link Description#mentioned()} to count only the captions that make the claim.
   */
  public static boolean meets(JudgeReading reading, Description description, Attribute attribute) {
    return switch (attribute) {
      case STYLE -> description.style() == null || description.style() == reading.style();
      case BACKGROUND -> description.background() == null || description.background() == reading.background();
      case OBJECT -> matched(reading.objects(), description.objects(), (c, o) -> c.kind() == o.kind());
      case COLOUR -> matched(reading.objects(), description.objects(),
          (c, o) -> c.kind() == o.kind() && (c.colour() == null || c.colour() == o.colour()));
      case SIZE -> matched(reading.objects(), description.objects(),
          (c, o) -> c.kind() == o.kind() && (c.size() == null || c.size() == o.size()));
      case POSITION -> matched(reading.objects(), description.objects(),
          (c, o) -> c.kind() == o.kind() && (c.position() == null || c.position() == o.position()));
      case COUNT -> matched(reading.objects(), description.objects(),
          (c, o) -> c.kind() == o.kind() && c.count() == o.count());
      case FINGERS -> matched(reading.objects(), description.objects(),
          (c, o) -> c.kind() == o.kind() && (c.fingers() == 0 || c.fingers() == o.fingers()));
    };
  }

  /** Whether every claim can be given its own seen group (tries every assignment: claims are few). */
  private static boolean matched(
      List<JudgeReading.Seen> seen, List<ObjectClaim> claims, BiPredicate<ObjectClaim, JudgeReading.Seen> holds) {
    return assign(seen, claims, 0, new boolean[seen.size()], holds);
  }

  private static boolean assign(List<JudgeReading.Seen> seen, List<ObjectClaim> claims, int next, boolean[] used,
      BiPredicate<ObjectClaim, JudgeReading.Seen> holds) {
    if (next == claims.size()) {
      return true;
    }
    for (int i = 0; i < seen.size(); i++) {
      if (!used[i] && holds.test(claims.get(next), seen.get(i))) {
        used[i] = true;
        if (assign(seen, claims, next + 1, used, holds)) {
          return true;
        }
        used[i] = false;
      }
    }
    return false;
  }

  private static double[] softmax(float[] logits, int from, int classes) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      max = Math.max(max, logits[from + c]);
    }
    double[] p = new double[classes];
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      p[c] = Math.exp(logits[from + c] - max);
      sum += p[c];
    }
    for (int c = 0; c < classes; c++) {
      p[c] /= sum;
    }
    return p;
  }

  private static int argMax(double[] p, int from, int to) {
    int best = from;
    for (int c = from + 1; c < to; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }

  @Override
  public void close() {
    model.close();
  }
}
