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
    // -Dfrom=K: the held-out captions K..K+CAPTIONS-1 instead of the first (a second set, to check a finding)
    int skip = Integer.getInteger("from", 0);
    var set = HeldOutPrompts.first(skip + captions, 2).subList(2 * skip, 2 * (skip + captions));
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
            number(o, "te", 0),
            o.containsKey("bad") ? experts.computeIfAbsent(o.get("bad"),
                d -> SketchbookDiffusion.load(ModelSource.directory(Path.of(d)), Device.cpu(), checker)) : null,
            number(o, "wa", 0), number(o, "alo", 0), number(o, "ahi", 1));
        long t0 = System.nanoTime();
        var images = new ArrayList<BufferedImage>();
        for (int from = 0; from < set.size(); from += 16) {
          images.addAll(variant.sample(model, set.subList(from, Math.min(set.size(), from + 16))));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-40s%s  (%.0f s)%n", a[v], Probes.tally(set, judge.read(images)), secs);
      }
      if (DUMP != null) {
        writeDump();
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
      double t2, double[] ramp, SketchbookDiffusion expert, double te, SketchbookDiffusion bad, double wa,
      double alo, double ahi) {

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
        float[][] v = bad != null ? autoguided(model, bad, x, t, prompts, guidance(t), wa, t > alo && t <= ahi)
            : BAND > 0 ? banded(model, x, t, prompts, guidance(t))
            : DETAIL > 0 ? model.velocity(x, t, prompts, guidance(t), DETAIL)
            : (expert != null && t <= te ? expert : model).velocity(x, t, prompts, guidance(t));
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
        if (DUMP != null) {
          DUMP.add(xi.clone());
        }
        out.add(model.picture(FIX == null ? xi : fix(xi)));
      }
      return out;
    }
  }

  /** -Ddump=FILE: every final code of the run, written big-endian at the end (try z). */
  static final List<float[]> DUMP = System.getProperty("dump") == null ? null : new ArrayList<>();

  /** -Dfix=FILE: mean (n), PCA basis (n x n, column per component) and a factor per component, big-endian. */
  static final float[][] FIX = readFix(System.getProperty("fix"));

  private static float[][] readFix(String file) {
    if (file == null) {
      return null;
    }
    try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(Path.of(file))))) {
      int n = in.readInt();
      float[][] f = new float[n + 2][n];
      for (float[] row : f) {
        for (int j = 0; j < n; j++) {
          row[j] = in.readFloat();
        }
      }
      return f; // row 0 mean, rows 1..n the basis V[r][c], row n+1 the factors
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The code with each principal component scaled by its factor about the mean. */
  static float[] fix(float[] x) {
    int n = x.length;
    double[] y = new double[n];
    for (int c = 0; c < n; c++) {
      double sum = 0;
      for (int r = 0; r < n; r++) {
        sum += FIX[1 + r][c] * (x[r] - FIX[0][r]);
      }
      y[c] = sum * FIX[n + 1][c];
    }
    float[] out = new float[n];
    for (int r = 0; r < n; r++) {
      double sum = FIX[0][r];
      for (int c = 0; c < n; c++) {
        sum += FIX[1 + r][c] * y[c];
      }
      out[r] = (float) sum;
    }
    return out;
  }

  static void writeDump() throws java.io.IOException {
    try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
        java.nio.file.Files.newOutputStream(Path.of(System.getProperty("dump")))))) {
      out.writeInt(DUMP.size());
      out.writeInt(DUMP.get(0).length);
      for (float[] x : DUMP) {
        for (float f : x) {
          out.writeFloat(f);
        }
      }
    }
  }

  /** -Dband=K -Dgband=G (with -Dfix=PCA): guidance G along the first K principal components, the variant's elsewhere (try bb). */
  static final int BAND = Integer.getInteger("band", 0);
  /** -Dgd=X: the model's own detail guidance X (a folder with code-directions.bin), the variant's g along its directions. */
  static final double DETAIL = Double.parseDouble(System.getProperty("gd", "0"));
  static final double GBAND = Double.parseDouble(System.getProperty("gband", "3"));

  static float[][] banded(SketchbookDiffusion model, float[][] x, double t, List<SketchbookDiffusion.Prompt> prompts, double g) {
    float[][] vc = model.velocity(x, t, prompts, 1);
    float[][] vu = model.velocity(x, t, prompts, 0);
    int n = x[0].length;
    float[][] out = new float[x.length][n];
    for (int i = 0; i < x.length; i++) {
      double[] d = new double[n];
      for (int j = 0; j < n; j++) {
        d[j] = vc[i][j] - vu[i][j];
        out[i][j] = (float) (vu[i][j] + g * d[j]);
      }
      for (int c = 0; c < BAND; c++) {
        double p = 0;
        for (int r = 0; r < n; r++) {
          p += FIX[1 + r][c] * d[r];
        }
        for (int r = 0; r < n; r++) {
          out[i][r] += (float) ((GBAND - g) * FIX[1 + r][c] * p);
        }
      }
    }
    return out;
  }

  /**
   * Autoguidance (Karras et al. 2024, try kk): the shipped guidance plus wa times the step from a
   * weaker prior's conditional prediction to this one's (inside [alo, ahi] of t); with -Dpure=true,
   * the weak prior's prediction extrapolated by g toward this one's instead of any CFG.
   */
  static float[][] autoguided(SketchbookDiffusion model, SketchbookDiffusion bad, float[][] x, double t,
      List<SketchbookDiffusion.Prompt> prompts, double g, double wa, boolean inside) {
    boolean pure = Boolean.getBoolean("pure");
    float[][] good = model.velocity(x, t, prompts, 1);
    float[][] weak = bad.velocity(x, t, prompts, 1);
    float[][] out = pure ? new float[x.length][x[0].length]
        : DETAIL > 0 ? model.velocity(x, t, prompts, g, DETAIL) : model.velocity(x, t, prompts, g);
    double w = inside ? wa : 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        out[i][j] = pure ? (float) (weak[i][j] + g * (good[i][j] - weak[i][j]))
            : (float) (out[i][j] + w * (good[i][j] - weak[i][j]));
      }
    }
    return out;
  }

  static double shifted(double t, double s) {
    return s * t / (1 + (s - 1) * t);
  }
}
