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
      for (int v = 2; v < a.length; v++) {
        var o = new HashMap<String, String>();
        for (String kv : a[v].split(",")) {
          o.put(kv.split("=")[0], kv.split("=")[1]);
        }
        double g = Double.parseDouble(o.getOrDefault("g", "3"));
        double lo = Double.parseDouble(o.getOrDefault("lo", "0"));
        double hi = Double.parseDouble(o.getOrDefault("hi", "1"));
        int steps = Integer.parseInt(o.getOrDefault("steps", "25"));
        double eta = Double.parseDouble(o.getOrDefault("eta", "0"));
        double shift = Double.parseDouble(o.getOrDefault("shift", "1"));
        String sampler = o.getOrDefault("sampler", "ddim");
        g2 = Double.parseDouble(o.getOrDefault("g2", "-1"));
        te = Double.parseDouble(o.getOrDefault("te", "0"));
        ramp = o.containsKey("ramp") ? Arrays.stream(o.get("ramp").split(":")).mapToDouble(Double::parseDouble).toArray() : null;
        expert = o.containsKey("expert")
            ? experts.computeIfAbsent(o.get("expert"),
                d -> SketchbookDiffusion.load(ModelSource.directory(Path.of(d)), Device.cpu(), checker))
            : null;
        t2 = Double.parseDouble(o.getOrDefault("t2", "0"));
        long t0 = System.nanoTime();
        var images = new ArrayList<BufferedImage>();
        for (int from = 0; from < set.size(); from += 16) {
          var part = set.subList(from, Math.min(set.size(), from + 16));
          images.addAll(sample(model, part, g, lo, hi, steps, eta, shift, sampler));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        var readings = new ArrayList<JudgeReading>();
        for (int f = 0; f < images.size(); f += 64) {
          readings.addAll(judge.read(images.subList(f, Math.min(images.size(), f + 64))));
        }
        System.out.printf("%-40s%s  (%.0f s)%n", a[v], Probes.tally(set, readings), secs);
      }
    }
  }

  /** Guidance g2 at t <= t2 (g2 < 0: none). */
  static double g2;
  /** A second prior for t <= te (null: none). */
  static SketchbookDiffusion expert;
  static double te;
  static final Map<String, SketchbookDiffusion> experts = new HashMap<>();
  static double t2;
  /** Guidance linear in t: ramp[0] at t = 1 (static) to ramp[1] at t = 0 (null: none). */
  static double[] ramp;

  static double shifted(double t, double s) {
    return s * t / (1 + (s - 1) * t);
  }

  static List<BufferedImage> sample(SketchbookDiffusion model, List<HeldOutPrompts.Prompt> part, double g, double lo,
      double hi, int steps, double eta, double shift, String sampler) {
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
      double guidance = ramp != null ? ramp[1] + (ramp[0] - ramp[1]) * t : g2 >= 0 && t <= t2 ? g2 : t > lo && t <= hi ? g : 1;
      float[][] v = (expert != null && t <= te ? expert : model).velocity(x, t, prompts, guidance);
      for (int i = 0; i < n; i++) {
        if (shift == 1 && eta == 0) {
          DiffusionSampler.step(sampler, x[i], v[i], memory[i], step, steps);
          continue;
        }
        // DDIM with eta on the (shifted) times: eta 1 is ancestral sampling.
        double at = DiffusionSampler.alpha(t);
        double st = DiffusionSampler.sigma(t);
        double as = DiffusionSampler.alpha(s);
        double ss = DiffusionSampler.sigma(s);
        double c = 0;
        if (eta > 0 && ss > 0) {
          c = eta * Math.sqrt((ss * ss) / (st * st) * (1 - (at * at * ss * ss) / (as * as * st * st)));
        }
        double keep = Math.sqrt(Math.max(0, ss * ss - c * c));
        for (int j = 0; j < size; j++) {
          double x0 = at * x[i][j] - st * v[i][j];
          double eps = st * x[i][j] + at * v[i][j];
          x[i][j] = (float) (as * x0 + keep * eps + c * random[i].nextGaussian());
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
