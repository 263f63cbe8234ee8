package workbench.model;

import ai.djl.Device;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.*;
import workbench.loop.SeedStatic;

/**
 * Sampler variants on the held-out prompts, read by the judge (throw-away). Each argument after
 * the first two is a variant: comma-separated key=value among g (guidance, 3), lo and hi (the
 * guidance interval in t: outside it the guidance is 1, the conditional prediction alone),
 * steps (25), eta (0: DDIM; 1: ancestral, its static from the seed), shift (time shift as SD3:
 * t' = s t / (1 + (s - 1) t)), sampler (ddim or dpmpp-2m), g2 and t2 (guidance g2 at t <= t2),
 * expert and te (another model folder's prior at t <= te), ramp=A:B (guidance A at t = 1 to B at 0).
 *
 * <pre>java -cp ... workbench.model.Sampling MODELDIR|- CAPTIONS g=3 g=3,lo=0.2,hi=0.8 eta=1</pre>
 */
public class Sampling {

  public static void main(String[] a) throws Exception {
    ModelSource source = Probes.source(a[0]);
    int captions = Integer.parseInt(a[1]);
    var set = HeldOutPrompts.first(captions, 2);
    try (var checker = SketchbookChecker.load(source, Device.cpu());
        var model = SketchbookDiffusion.load(source, Device.cpu(), checker);
        var judge = SketchbookJudge.load()) {
      var experts = new HashMap<String, SketchbookDiffusion>();
      for (int v = 2; v < a.length; v++) {
        var o = new HashMap<String, String>();
        for (String kv : a[v].split(",")) {
          o.put(kv.split("=")[0], kv.split("=")[1]);
        }
        var variant = new Variant(number(o, "g", 3), number(o, "lo", 0), number(o, "hi", 1), (int) number(o, "steps", 25),
            number(o, "eta", 0), number(o, "shift", 1), o.getOrDefault("sampler", DiffusionSampler.DDIM),
            number(o, "g2", -1), number(o, "t2", 0),
            o.containsKey("ramp") ? Arrays.stream(o.get("ramp").split(":")).mapToDouble(Double::parseDouble).toArray() : null,
            o.containsKey("expert") ? experts.computeIfAbsent(o.get("expert"),
                d -> SketchbookDiffusion.load(ModelSource.directory(Path.of(d)), Device.cpu(), checker)) : null,
            number(o, "te", 0));
        long t0 = System.nanoTime();
        var images = new ArrayList<BufferedImage>();
        for (int from = 0; from < set.size(); from += 16) {
          images.addAll(variant.sample(model, set.subList(from, Math.min(set.size(), from + 16))));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-40s%s  (%.0f s)%n", a[v], Probes.tally(set, judge.read(images)), secs);
      }
    }
  }

  private static double number(Map<String, String> o, String key, double otherwise) {
    return o.containsKey(key) ? Double.parseDouble(o.get(key)) : otherwise;
  }

  /**
   * A sampler variant: guidance g for t in (lo, hi], 1 elsewhere; or g2 at t <= t2 (g2 < 0:
   * none); or, with a ramp, guidance linear in t from ramp[0] at t = 1 to ramp[1] at t = 0;
   * an expert prior (or null) at t <= te.
   */
  record Variant(double g, double lo, double hi, int steps, double eta, double shift, String sampler, double g2,
      double t2, double[] ramp, SketchbookDiffusion expert, double te) {

    double guidance(double t) {
      if (ramp != null) {
        return ramp[1] + (ramp[0] - ramp[1]) * t;
      }
      if (g2 >= 0 && t <= t2) {
        return g2;
      }
      return t > lo && t <= hi ? g : 1;
    }

    List<BufferedImage> sample(SketchbookDiffusion model, List<HeldOutPrompts.Prompt> part) {
      int n = part.size();
      int size = model.stateSize();
      float[][] x = new float[n][];
      float[][] memory = new float[n][size];
      var prompts = new ArrayList<SketchbookDiffusion.Prompt>();
      var random = new Random[n];
      for (int i = 0; i < n; i++) {
        x[i] = SeedStatic.latent(part.get(i).seed(), size);
        prompts.add(SketchbookDiffusion.Prompt.of(part.get(i).caption()));
        random[i] = new Random(part.get(i).seed() * 31 + 7);
      }
      for (int step = 0; step < steps; step++) {
        double t = shifted(DiffusionSampler.time(step, steps), shift);
        double s = shifted(DiffusionSampler.time(step + 1, steps), shift);
        float[][] v = (expert != null && t <= te ? expert : model).velocity(x, t, prompts, guidance(t));
        for (int i = 0; i < n; i++) {
          if (shift == 1 && eta == 0) {
            DiffusionSampler.step(sampler, x[i], v[i], memory[i], step, steps);
          } else {
            Probes.move(x[i], v[i], t, s, eta, random[i]); // DDIM on the shifted times, eta 1 ancestral
          }
        }
      }
      var out = new ArrayList<BufferedImage>();
      for (float[] xi : x) {
        out.add(model.picture(xi));
      }
      return out;
    }
  }

  static double shifted(double t, double s) {
    return s * t / (1 + (s - 1) * t);
  }
}
