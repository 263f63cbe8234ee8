package workbench.model;

import ai.djl.Device;
import java.awt.image.BufferedImage;
import java.util.*;
import java.util.regex.Pattern;
import workbench.loop.SeedStatic;
import workbench.sketchbook.ObjectKind;

/**
 * Try ff (throw-away): guidance away from other kinds. Besides the shipped split guidance, each
 * step adds gk (v(caption) - mean over K captions with every object's kind swapped for another
 * kind): the pull toward what tells the asked kind from the rest, as a negative prompt of
 * confusable kinds would.
 *
 * <pre>java -cp ... workbench.model.KindContrast MODELDIR|- CAPTIONS K gk ...</pre>
 */
public class KindContrast {

  public static void main(String[] a) throws Exception {
    ModelSource source = Probes.source(a[0]);
    int captions = Integer.parseInt(a[1]);
    int skip = Integer.getInteger("from", 0);
    var set = HeldOutPrompts.first(skip + captions, 2).subList(2 * skip, 2 * (skip + captions));
    try (var checker = SketchbookChecker.load(source, Device.cpu());
        var model = SketchbookDiffusion.load(source, Device.cpu(), checker);
        var judge = SketchbookJudge.load()) {
      for (int v = 2; v + 1 < a.length; v += 2) {
        int k = Integer.parseInt(a[v]);
        double gk = Double.parseDouble(a[v + 1]);
        long t0 = System.nanoTime();
        var images = new ArrayList<BufferedImage>();
        for (int from = 0; from < set.size(); from += 16) {
          images.addAll(sample(model, set.subList(from, Math.min(set.size(), from + 16)), k, gk));
        }
        System.out.printf("K=%d gk=%-6s%s  (%.0f s)%n", k, a[v + 1], Probes.tally(set, judge.read(images)),
            (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  /** The caption with each object's kind swapped for another kind (the same number), chosen by {@code random}. */
  static String swapped(HeldOutPrompts.Prompt p, Random random) {
    String text = p.caption();
    var asked = EnumSet.noneOf(ObjectKind.class);
    p.scene().objects().forEach(o -> asked.add(o.kind()));
    var others = new ArrayList<>(EnumSet.complementOf(asked));
    // Longest names first, so "apple tart" is not taken for "apple".
    var kinds = new ArrayList<>(asked);
    kinds.sort(Comparator.comparingInt((ObjectKind kk) -> -kk.singular().length()));
    for (ObjectKind kind : kinds) {
      if (DROP) {
        text = Pattern.compile("\\b(" + Pattern.quote(kind.plural()) + "|" + Pattern.quote(kind.singular()) + ")\\b")
            .matcher(text).replaceAll("");
        continue;
      }
      ObjectKind other = others.remove(random.nextInt(others.size()));
      // The scene's count says the number ("fish" is both).
      int count = p.scene().objects().stream().filter(o -> o.kind() == kind).findFirst().orElseThrow().count();
      text = Pattern.compile("\\b(" + Pattern.quote(kind.plural()) + "|" + Pattern.quote(kind.singular()) + ")\\b")
          .matcher(text).replaceAll("\u0001" + other.noun(count));
    }
    return text.replace("\u0001", "");
  }

  static List<BufferedImage> sample(SketchbookDiffusion model, List<HeldOutPrompts.Prompt> part, int k, double gk) {
    int n = part.size();
    int size = model.stateSize();
    float[][] x = new float[n][];
    float[][] memory = new float[n][size];
    var prompts = new ArrayList<SketchbookDiffusion.Prompt>();
    var alternatives = new ArrayList<List<SketchbookDiffusion.Prompt>>();
    for (int j = 0; j < k; j++) {
      alternatives.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      var p = part.get(i);
      x[i] = SeedStatic.latent(p.seed(), size);
      prompts.add(SketchbookDiffusion.Prompt.of(p.caption()));
      var random = new Random(p.seed() * 1_000_003L + p.caption().hashCode());
      for (int j = 0; j < k; j++) {
        String alt = swapped(p, random);
        if (SHOW && i < 2 && j == 0) {
          System.out.println(p.caption() + "  ->  " + alt);
        }
        alternatives.get(j).add(SketchbookDiffusion.Prompt.of(alt));
      }
    }
    for (int step = 0; step < 25; step++) {
      double t = DiffusionSampler.time(step, 25);
      float[][] v = model.velocity(x, t, prompts, 3, model.detailGuidance(3));
      if (k > 0 && gk != 0) {
        float[][] vc = model.velocity(x, t, prompts, 1);
        float[][][] va = new float[k][][];
        for (int j = 0; j < k; j++) {
          va[j] = model.velocity(x, t, alternatives.get(j), 1);
        }
        for (int i = 0; i < n; i++) {
          for (int d = 0; d < size; d++) {
            double mean = 0;
            for (int j = 0; j < k; j++) {
              mean += va[j][i][d];
            }
            v[i][d] += (float) (gk * (vc[i][d] - mean / k));
          }
        }
      }
      for (int i = 0; i < n; i++) {
        DiffusionSampler.step(DiffusionSampler.DDIM, x[i], v[i], memory[i], step, 25);
      }
    }
    var out = new ArrayList<BufferedImage>();
    for (float[] xi : x) {
      out.add(model.picture(xi));
    }
    return out;
  }

  static final boolean SHOW = Boolean.getBoolean("show");
  /** -Ddrop=true: the alternative caption has the kind words left out instead of swapped. */
  static final boolean DROP = Boolean.getBoolean("drop");
}
