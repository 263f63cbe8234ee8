package workbench.model;

import ai.djl.Device;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.*;
import workbench.loop.SeedStatic;

/**
 * Where the prior loses a kind (throw-away): each held-out render's own code is noised to t0
 * (the seed's static) and the sampler runs from there to 0 with the render's caption (DDIM,
 * guidance 3, 25 steps over the whole range, so round(25 t0) of them); the judge reads the
 * result. From t0 = 1 it is an ordinary sample; as t0 falls, more of the render's code is kept.
 * The noise level where a kind's reading falls from the code's own toward the samples' is where
 * the prior decides it wrongly. An argument nS instead draws the code with static of S added, no
 * sampler: how much noise the drawing itself stands.
 *
 * <pre>java [-Dexpert=DIR -Dte=T] -cp ... workbench.model.Restart MODELDIR|- CAPTIONS 1 0.9 0.8 0.6 0.4 0</pre>
 */
public class Restart {

  static final int[] KEEP = System.getProperty("keep") == null ? null
      : Arrays.stream(System.getProperty("keep").split(":")).mapToInt(Integer::parseInt).toArray();

  /** The sample with its principal components in KEEP's range replaced by the exact code's. */
  static float[] mixed(float[] exact, float[] sample) {
    float[][] f = Sampling.FIX;
    int n = exact.length;
    float[] out = sample.clone();
    for (int c = KEEP[0]; c < KEEP[1]; c++) {
      double d = 0;
      for (int r = 0; r < n; r++) {
        d += f[1 + r][c] * (exact[r] - sample[r]);
      }
      for (int r = 0; r < n; r++) {
        out[r] += (float) (f[1 + r][c] * d);
      }
    }
    return out;
  }

  public static void main(String[] a) throws Exception {
    ModelSource source = Probes.source(a[0]);
    int n = Integer.parseInt(a[1]);
    var prompts = HeldOutPrompts.first(n, 1);
    float[][] codes = Probes.codes(prompts, source);
    try (var judge = SketchbookJudge.load(); var checker = SketchbookChecker.load(source, Device.cpu());
        var model = SketchbookDiffusion.load(source, Device.cpu(), checker)) {
      // -Dexpert=DIR -Dte=T: that folder's prior denoises at t <= T
      String expertDir = System.getProperty("expert");
      double te = Double.parseDouble(System.getProperty("te", "0"));
      var expert = expertDir == null ? null
          : SketchbookDiffusion.load(ModelSource.directory(Path.of(expertDir)), Device.cpu(), checker);
      int size = model.stateSize();
      for (int v = 2; v < a.length; v++) {
        // "nS": the code with static of S added, drawn as it is (no sampler): how much noise its drawing stands
        boolean raw = a[v].startsWith("n");
        double noiseOnly = raw ? Double.parseDouble(a[v].substring(1)) : 0;
        double t0 = raw ? 0 : Double.parseDouble(a[v]);
        int steps = (int) Math.round(25 * t0);
        var images = new ArrayList<BufferedImage>();
        for (int from = 0; from < n; from += 16) {
          int b = Math.min(16, n - from);
          float[][] x = new float[b][];
          var ps = new ArrayList<SketchbookDiffusion.Prompt>();
          for (int i = 0; i < b; i++) {
            var p = prompts.get(from + i);
            float[] noise = SeedStatic.latent(p.seed(), size);
            x[i] = new float[size];
            double at = raw ? 1 : DiffusionSampler.alpha(t0);
            double st = raw ? noiseOnly : DiffusionSampler.sigma(t0);
            for (int j = 0; j < size; j++) {
              x[i][j] = (float) (at * codes[from + i][j] + st * noise[j]);
            }
            ps.add(SketchbookDiffusion.Prompt.of(p.caption()));
          }
          for (int k = 0; k < steps; k++) {
            double t = t0 * (1 - k / (double) steps);
            double s = t0 * (1 - (k + 1) / (double) steps);
            float[][] vel = (expert != null && t <= te ? expert : model).velocity(x, t, ps, 3);
            for (int i = 0; i < b; i++) {
              Probes.move(x[i], vel[i], t, s, 0, null);
            }
          }
          for (int i = 0; i < b; i++) {
            // -Dfix=PCA -Dkeep=A:B: principal components A..B-1 taken from the render's exact code, the rest from the sample (try z)
            images.add(model.picture(KEEP == null ? x[i] : mixed(codes[from + i], x[i])));
          }
        }
        System.out.println((raw ? "static " + noiseOnly : "t0 " + t0) + Probes.tally(prompts, judge.read(images)));
      }
    }
  }
}
