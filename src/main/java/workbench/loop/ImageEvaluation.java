package workbench.loop;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import workbench.model.HeldOutPrompts;
import workbench.model.JudgeReading;
import workbench.model.SketchbookJudge;
import workbench.sketchbook.Attribute;
import workbench.sketchbook.CaptionGrammar;
import workbench.sketchbook.ObjectClaim;
import workbench.sketchbook.ObjectKind;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Split;

/**
 * What people would see in the loop's images, measured by the independent judge (never used by
 * the loop): for a fixed set of held-out captions and seeds, the share of images where each
 * kind of claim holds, where every claim holds, how much the seeds vary what the caption leaves
 * free, a Fréchet distance to renders in the judge's feature space, and how often the checker's
 * score agrees with the judge on whether the caption is met.
 */
public final class ImageEvaluation {

  private static final int BATCH = 16;

  private ImageEvaluation() {}

  /** The loop's raw images (image done, before upscaling) for each prompt of the set, in order. */
  public static List<BufferedImage> images(LoopModels models, String process, int steps, List<HeldOutPrompts.Prompt> set) {
    return images(models, process, steps, set, Map.of());
  }

  /** As above, with {@code settings} (e.g. {@code guidance}) laid over every stage of each recipe's schedule. */
  public static List<BufferedImage> images(LoopModels models, String process, int steps, List<HeldOutPrompts.Prompt> set,
      Map<String, Double> settings) {
    var factory = new RecipeFactory(models);
    var recipes = set.stream()
        .map(p -> withSettings(factory.recipe(new RecipeFactory.Request(p.caption(), "", p.seed(), steps, process, 1)),
            settings))
        .toList();
    var loop = new GenerationLoop(models);
    var out = new ArrayList<BufferedImage>();
    for (int from = 0; from < recipes.size(); from += BATCH) {
      for (var r : loop.run(recipes.subList(from, Math.min(recipes.size(), from + BATCH)), LoopListener.NONE)) {
        out.add(r.raw());
      }
    }
    return out;
  }

  /** The metrics of {@code images} (one per prompt of {@code set}); the checker is that of {@code models}. */
  public static Map<String, Object> measure(LoopModels models, SketchbookJudge judge, List<HeldOutPrompts.Prompt> set,
      List<BufferedImage> images) {
    List<JudgeReading> readings = new ArrayList<>();
    for (int from = 0; from < images.size(); from += 64) {
      readings.addAll(judge.read(images.subList(from, Math.min(images.size(), from + 64))));
    }
    var m = new LinkedHashMap<String, Object>();
    m.put("images", images.size());
    for (var attribute : List.of(Attribute.OBJECT, Attribute.COLOUR, Attribute.POSITION, Attribute.COUNT,
        Attribute.FINGERS, Attribute.BACKGROUND, Attribute.STYLE, Attribute.SIZE)) {
      int said = 0;
      int held = 0;
      for (int i = 0; i < set.size(); i++) {
        var description = set.get(i).description();
        if (!description.mentioned().contains(attribute)) {
          continue;
        }
        said++;
        if (SketchbookJudge.meets(readings.get(i), description, attribute)) {
          held++;
        }
      }
      m.put("judge_" + attribute.name().toLowerCase(), said == 0 ? null : round(held / (double) said));
      m.put("judge_" + attribute.name().toLowerCase() + "_n", said);
    }
    int all = 0;
    for (int i = 0; i < set.size(); i++) {
      if (SketchbookJudge.meets(readings.get(i), set.get(i).description())) {
        all++;
      }
    }
    m.put("judge_all", round(all / (double) set.size()));
    m.put("judge_object_by_kind", objectByKind(set, readings));
    m.put("judge_saw_nothing", round(readings.stream().filter(r -> r.objects().isEmpty()).count()
        / (double) Math.max(1, readings.size())));
    m.put("seed_diversity", round(seedDiversity(set, readings)));
    m.put("fid_judge", round(frechet(judge.features(images), judge.features(references(images.size())))));
    m.put("checker_judge_agreement", round(agreement(models, set, images, readings)));
    return m;
  }

  /**
   * For each object kind the captions ask for, the share of its claims where the judge sees that
   * kind anywhere in the image, with the number of claims: which things the generator can draw.
   */
  static Map<String, Object> objectByKind(List<HeldOutPrompts.Prompt> set, List<JudgeReading> readings) {
    var asked = new TreeMap<ObjectKind, int[]>();
    for (int i = 0; i < set.size(); i++) {
      var reading = readings.get(i);
      for (ObjectClaim claim : set.get(i).description().objects()) {
        int[] tally = asked.computeIfAbsent(claim.kind(), k -> new int[2]);
        tally[1]++;
        if (reading.objects().stream().anyMatch(o -> o.kind() == claim.kind())) {
          tally[0]++;
        }
      }
    }
    var byKind = new LinkedHashMap<String, Object>();
    asked.forEach((kind, tally) -> {
      var entry = new LinkedHashMap<String, Object>();
      entry.put("seen", round(tally[0] / (double) tally[1]));
      entry.put("n", tally[1]);
      byKind.put(kind.name().toLowerCase(), entry);
    });
    return byKind;
  }

  /**
   * Where a caption leaves an attribute free (background, style, the first object's colour or
   * position), the share of seed pairs of that caption whose images the judge reads differently
   * in it.
   */
  static double seedDiversity(List<HeldOutPrompts.Prompt> set, List<JudgeReading> readings) {
    int pairs = 0;
    int differ = 0;
    for (int i = 0; i < set.size(); i++) {
      for (int j = i + 1; j < set.size() && set.get(j).caption().equals(set.get(i).caption())
          && set.get(j).scene().equals(set.get(i).scene()); j++) {
        var d = set.get(i).description();
        var a = readings.get(i);
        var b = readings.get(j);
        if (d.background() == null) {
          pairs++;
          differ += a.background() != b.background() ? 1 : 0;
        }
        if (d.style() == null) {
          pairs++;
          differ += a.style() != b.style() ? 1 : 0;
        }
        ObjectClaim claim = d.objects().get(0);
        var sa = a.objects().stream().filter(o -> o.kind() == claim.kind()).findFirst();
        var sb = b.objects().stream().filter(o -> o.kind() == claim.kind()).findFirst();
        if (sa.isPresent() && sb.isPresent()) {
          if (claim.colour() == null) {
            pairs++;
            differ += sa.get().colour() != sb.get().colour() ? 1 : 0;
          }
          if (claim.position() == null) {
            pairs++;
            differ += sa.get().position() != sb.get().position() ? 1 : 0;
          }
        }
      }
    }
    return pairs == 0 ? 0 : differ / (double) pairs;
  }

  /**
   * The checker "says met" when it scores the image closer to its caption than to the caption's
   * hard negative (one claim changed); the judge says met when every claim holds. The share of
   * images where they agree: how far a user may trust the score.
   */
  static double agreement(LoopModels models, List<HeldOutPrompts.Prompt> set, List<BufferedImage> images,
      List<JudgeReading> readings) {
    int agree = 0;
    for (int i = 0; i < set.size(); i++) {
      var p = set.get(i);
      var negative = CaptionGrammar.hardNegative(p.asCaption(), p.scene(), new SplittableRandom(p.scene().seed()));
      float[] sims = models.similarity(List.of(images.get(i)), List.of(p.caption(), negative.text()))[0];
      boolean checkerMet = sims[0] > sims[1];
      boolean judgeMet = SketchbookJudge.meets(readings.get(i), p.description());
      agree += checkerMet == judgeMet ? 1 : 0;
    }
    return agree / (double) set.size();
  }

  /** The seed page's question: the three wordings of a hand the README reports. */
  public static final List<String> HAND_PROMPTS = List.of("a hand", "a hand with five fingers", "a hand:: five fingers::2");

  /**
   * For each wording, over seeds 1 … n: how many fingers the judge counts on the hand it sees
   * ("no hand" when it sees none), and the share of images with five.
   */
  public static Map<String, Object> hands(LoopModels models, SketchbookJudge judge, String process, int steps, int seeds) {
    return hands(models, judge, process, steps, seeds, Map.of());
  }

  /** As above, with {@code settings} laid over every stage of each recipe's schedule. */
  public static Map<String, Object> hands(LoopModels models, SketchbookJudge judge, String process, int steps, int seeds,
      Map<String, Double> settings) {
    var factory = new RecipeFactory(models);
    var loop = new GenerationLoop(models);
    var out = new LinkedHashMap<String, Object>();
    for (String prompt : HAND_PROMPTS) {
      var recipes = new ArrayList<Recipe>();
      for (long seed = 1; seed <= seeds; seed++) {
        recipes.add(withSettings(factory.recipe(new RecipeFactory.Request(prompt, "", seed, steps, process, 1)), settings));
      }
      var images = new ArrayList<BufferedImage>();
      for (int from = 0; from < recipes.size(); from += BATCH) {
        for (var r : loop.run(recipes.subList(from, Math.min(recipes.size(), from + BATCH)), LoopListener.NONE)) {
          images.add(r.raw());
        }
      }
      var counts = new TreeMap<String, Integer>();
      int five = 0;
      for (var reading : judge.read(images)) {
        var hand = reading.objects().stream().filter(o -> o.kind() == ObjectKind.HAND).findFirst();
        String key = hand.map(h -> Integer.toString(h.fingers())).orElse("no hand");
        counts.merge(key, 1, Integer::sum);
        five += hand.filter(h -> h.fingers() == 5).isPresent() ? 1 : 0;
      }
      var variant = new LinkedHashMap<String, Object>();
      variant.put("fingers", counts);
      variant.put("five_share", round(five / (double) images.size()));
      out.put(prompt, variant);
    }
    return out;
  }

  /** Renders of other held-out scenes: the distribution generated images are compared with. */
  static List<BufferedImage> references(int n) {
    var out = new ArrayList<BufferedImage>(n);
    for (int i = 0; i < n; i++) {
      out.add(Sketchbook.render(Sketchbook.scene(Split.HELD_OUT.seed(50_000 + i))));
    }
    return out;
  }

  /** Fréchet distance of two Gaussians fitted to feature rows: |m1-m2|^2 + tr(S1 + S2 - 2 (S1 S2)^1/2). */
  static double frechet(float[][] a, float[][] b) {
    int d = a[0].length;
    double[] ma = mean(a);
    double[] mb = mean(b);
    RealMatrix sa = covariance(a, ma);
    RealMatrix sb = covariance(b, mb);
    double diff = 0;
    for (int k = 0; k < d; k++) {
      diff += (ma[k] - mb[k]) * (ma[k] - mb[k]);
    }
    // (S1 S2)^1/2 has the trace of (S1^1/2 S2 S1^1/2)^1/2, which is symmetric: eigenvalues are safe.
    RealMatrix rootA = sqrt(sa);
    RealMatrix middle = rootA.multiply(sb).multiply(rootA);
    middle = middle.add(middle.transpose()).scalarMultiply(0.5);
    // Singular values, not an eigen-solver: commons-math's EigenDecomposition fails to converge on
    // the judge's rank-deficient 256-d covariances; for a symmetric PSD matrix they are the eigenvalues.
    double traceRoot = 0;
    for (double e : new SingularValueDecomposition(middle).getSingularValues()) {
      traceRoot += Math.sqrt(Math.max(0, e));
    }
    return diff + sa.getTrace() + sb.getTrace() - 2 * traceRoot;
  }

  /** The square root of a symmetric positive semi-definite matrix (U S U' from its SVD). */
  private static RealMatrix sqrt(RealMatrix symmetric) {
    var svd = new SingularValueDecomposition(symmetric);
    double[] values = svd.getSingularValues();
    double[] roots = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      roots[i] = Math.sqrt(Math.max(0, values[i]));
    }
    return svd.getU().multiply(MatrixUtils.createRealDiagonalMatrix(roots)).multiply(svd.getUT());
  }

  private static double[] mean(float[][] rows) {
    double[] m = new double[rows[0].length];
    for (float[] r : rows) {
      for (int k = 0; k < m.length; k++) {
        m[k] += r[k];
      }
    }
    for (int k = 0; k < m.length; k++) {
      m[k] /= rows.length;
    }
    return m;
  }

  private static RealMatrix covariance(float[][] rows, double[] mean) {
    int d = mean.length;
    double[][] c = new double[d][d];
    for (float[] r : rows) {
      for (int i = 0; i < d; i++) {
        double di = r[i] - mean[i];
        for (int j = i; j < d; j++) {
          c[i][j] += di * (r[j] - mean[j]);
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        c[i][j] /= Math.max(1, rows.length - 1);
        c[j][i] = c[i][j];
      }
    }
    return MatrixUtils.createRealMatrix(c);
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  /** The recipe with {@code settings} replacing or adding those of each stage of its schedule. */
  static Recipe withSettings(Recipe r, Map<String, Double> settings) {
    return r.withSchedule(r.schedule().with(settings));
  }
}
