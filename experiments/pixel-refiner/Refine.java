package workbench.model;

import ai.djl.Device;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.*;
import workbench.loop.SeedStatic;

/**
 * SDEdit with a pixel-space denoiser after the shipped sampler (throw-away probe). The quick
 * eval's images (the first CAPTIONS held-out captions, seeds 1-2) are sampled by the shipped
 * model, then each variant noises the final image to t0 with static from the seed and denoises it
 * back with PIXELDIR's pixel network in k DDIM steps at guidance g. Prints the judge's tally.
 *
 * <pre>java -cp ... workbench.model.Refine PIXELDIR CAPTIONS t0=0.3,k=8,g=1 ...</pre>
 */
public class Refine {

  public static void main(String[] a) throws Exception {
    ModelSource shipped = Probes.source("-");
    ModelSource pixelSource = Probes.source(a[0]);
    int captions = Integer.parseInt(a[1]);
    int skip = Integer.getInteger("from", 0);
    var set = HeldOutPrompts.first(skip + captions, 2).subList(2 * skip, 2 * (skip + captions));
    try (var checker = SketchbookChecker.load(shipped, Device.cpu());
        var model = SketchbookDiffusion.load(shipped, Device.cpu(), checker);
        var pixel = SketchbookDiffusion.load(pixelSource, Device.cpu(), checker);
        var judge = SketchbookJudge.load()) {
      var prompts = new ArrayList<SketchbookDiffusion.Prompt>();
      for (var p : set) {
        prompts.add(SketchbookDiffusion.Prompt.of(p.caption()));
      }
      long start = System.nanoTime();
      float[][] base = new float[set.size()][];
      for (int from = 0; from < set.size(); from += 16) {
        int to = Math.min(set.size(), from + 16);
        float[][] x = new float[to - from][];
        float[][] memory = new float[to - from][model.stateSize()];
        for (int i = from; i < to; i++) {
          x[i - from] = SeedStatic.latent(set.get(i).seed(), model.stateSize());
        }
        var part = prompts.subList(from, to);
        for (int step = 0; step < 25; step++) {
          float[][] v = model.velocity(x, DiffusionSampler.time(step, 25), part, 3, model.detailGuidance(3));
          for (int i = 0; i < x.length; i++) {
            DiffusionSampler.step(DiffusionSampler.DDIM, x[i], v[i], memory[i], step, 25);
          }
        }
        for (int i = from; i < to; i++) {
          base[i] = model.pixels(x[i - from]);
        }
      }
      System.out.printf("%-40s%s  (%.0f s)%n", "shipped", Probes.tally(set, judge.read(images(base))),
          (System.nanoTime() - start) / 1e9);
      for (int v = 2; v < a.length; v++) {
        var o = new HashMap<String, String>();
        for (String kv : a[v].split(",")) {
          o.put(kv.split("=")[0], kv.split("=")[1]);
        }
        double t0 = Double.parseDouble(o.getOrDefault("t0", "0.3"));
        int k = Integer.parseInt(o.getOrDefault("k", "8"));
        double g = Double.parseDouble(o.getOrDefault("g", "1"));
        long t = System.nanoTime();
        float[][] out = new float[set.size()][];
        for (int from = 0; from < set.size(); from += 16) {
          int to = Math.min(set.size(), from + 16);
          float[][] x = new float[to - from][];
          for (int i = from; i < to; i++) {
            float[] eps = SeedStatic.latent(set.get(i).seed() + 7919, SketchbookDiffusion.PIXELS);
            float[] xi = new float[eps.length];
            for (int j = 0; j < xi.length; j++) {
              xi[j] = (float) (DiffusionSampler.alpha(t0) * base[i][j] + DiffusionSampler.sigma(t0) * eps[j]);
            }
            x[i - from] = xi;
          }
          var part = prompts.subList(from, to);
          for (int step = 0; step < k; step++) {
            double ts = t0 * (1 - (double) step / k);
            double te = t0 * (1 - (double) (step + 1) / k);
            float[][] vel = pixel.velocity(x, ts, part, g);
            for (int i = 0; i < x.length; i++) {
              Probes.move(x[i], vel[i], ts, te, 0, null);
            }
          }
          for (int i = from; i < to; i++) {
            out[i] = x[i - from];
          }
        }
        var imgs = images(out);
        System.out.printf("%-40s%s  (%.0f s)%n", a[v], Probes.tally(set, judge.read(imgs)), (System.nanoTime() - t) / 1e9);
        if (System.getProperty("sheet") != null) {
          sheet(images(base), imgs, Path.of(System.getProperty("sheet") + "-" + v + ".png"));
        }
      }
    }
  }

  static List<BufferedImage> images(float[][] px) {
    var out = new ArrayList<BufferedImage>();
    for (float[] p : px) {
      out.add(SketchbookDiffusion.image(p));
    }
    return out;
  }

  /** The first 32 images: base above, refined below, in rows of 16, at twice size. */
  static void sheet(List<BufferedImage> base, List<BufferedImage> refined, Path file) throws Exception {
    int n = Math.min(32, base.size());
    var img = new BufferedImage(16 * 128, ((n + 15) / 16) * 256, BufferedImage.TYPE_INT_RGB);
    var gr = img.createGraphics();
    for (int i = 0; i < n; i++) {
      int x = (i % 16) * 128;
      int y = (i / 16) * 256;
      gr.drawImage(base.get(i), x, y, 128, 128, null);
      gr.drawImage(refined.get(i), x, y + 128, 128, 128, null);
    }
    javax.imageio.ImageIO.write(img, "png", file.toFile());
  }
}
