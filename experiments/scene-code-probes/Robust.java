package workbench.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.awt.image.*;
import java.util.*;
import workbench.sketchbook.*;

/**
 * Try qq (throw-away): the judge on the eval's captions and seeds as renders, through the
 * autoencoder (-Dae=DIR: another one's), through the code, as the sampler draws them
 * (-Dsamples=true; -Dmodel=DIR: another folder's), and as renders softened in ways a person reads
 * through; per stage the style and the claims but the style, and which styles are read as which.
 * -Dnocode=true with -Dae=DIR reads an autoencoder of another latent size alone; -Dcode=DIR with
 * -Dae=DIR reads another autoencoder and its code (try uu: the same folder, a code run's).
 * -Dlatentstatic=S adds seeded static of S to the latent before drawing (try bbb).
 *
 * <pre>java -Dsamples=true -Dgd=5 -cp ... workbench.model.Robust 200</pre>
 */
public class Robust {
  /** -Dlatentstatic=S: Gaussian static of S (seeded) added to the latent before it is drawn back. */
  static final float LATENT_STATIC = Float.parseFloat(System.getProperty("latentstatic", "0"));

  public static void main(String[] a) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    int n = Integer.parseInt(a[0]);
    var prompts = HeldOutPrompts.first(n, 2);
    var renders = new ArrayList<BufferedImage>();
    for (var p : prompts) renders.add(p.render());
    try (var judge = SketchbookJudge.load(); var ae = SketchbookAutoencoder.load(System.getProperty("ae") == null ? ModelSource.classpath()
            : ModelSource.directory(java.nio.file.Path.of(System.getProperty("ae"))), Device.cpu());
        var code = Boolean.getBoolean("nocode") ? null : SketchbookCode.load(System.getProperty("code") == null
            ? ModelSource.classpath() : ModelSource.directory(java.nio.file.Path.of(System.getProperty("code"))), Device.cpu());
        var checker = Boolean.getBoolean("nocode") ? null : SketchbookChecker.load(ModelSource.classpath(), Device.cpu());
        var model = Boolean.getBoolean("nocode") ? null : SketchbookDiffusion.load(System.getProperty("model") == null ? ModelSource.classpath()
            : ModelSource.directory(java.nio.file.Path.of(System.getProperty("model"))), Device.cpu(), checker);
        NDManager m = NDManager.newBaseManager()) {
      var viaAe = new ArrayList<BufferedImage>();
      var viaCode = new ArrayList<BufferedImage>();
      for (int from = 0; from < prompts.size(); from += 20) {
        int b = Math.min(20, prompts.size() - from);
        float[] px = new float[b * SketchbookDiffusion.PIXELS];
        for (int i = 0; i < b; i++) DiffusionTraining.copyRender(prompts.get(from + i).scene(), px, i);
        try (NDManager s = m.newSubManager()) {
          var lat = ae.encode(s.create(px, AutoencoderNetwork.imageShape(b)));
          if (LATENT_STATIC > 0) { // try bbb: how precisely a prior must draw this latent
            var r = new SplittableRandom(from);
            float[] z = new float[(int) lat.size()];
            for (int i = 0; i < z.length; i++) z[i] = (float) (r.nextGaussian() * LATENT_STATIC);
            lat = lat.add(s.create(z, lat.getShape()));
          }
          float[] d1 = ae.decode(lat).toFloatArray();
          for (int i = 0; i < b; i++)
            viaAe.add(SketchbookDiffusion.image(Arrays.copyOfRange(d1, i * SketchbookDiffusion.PIXELS, (i + 1) * SketchbookDiffusion.PIXELS)));
          if (code == null) continue; // an autoencoder of another latent size: no code for it
          float[] d2 = ae.decode(code.decode(code.encode(lat))).toFloatArray();
          for (int i = 0; i < b; i++)
            viaCode.add(SketchbookDiffusion.image(Arrays.copyOfRange(d2, i * SketchbookDiffusion.PIXELS, (i + 1) * SketchbookDiffusion.PIXELS)));
        }
      }
      var variants = new LinkedHashMap<String, List<BufferedImage>>();
      variants.put("render", renders);
      variants.put("autoencoder", viaAe);
      if (!viaCode.isEmpty()) variants.put("code", viaCode);
      if (Boolean.getBoolean("samples")) {
        var v = new Sampling.Variant(3, 0, 1, 25, 0, 1, DiffusionSampler.DDIM, -1, 0, null, null, 0, null, 0, 0, 1);
        var images = new ArrayList<BufferedImage>();
        for (int from = 0; from < prompts.size(); from += 16)
          images.addAll(v.sample(model, prompts.subList(from, Math.min(prompts.size(), from + 16))));
        variants.put("samples", images);
      }
      for (double sigma : new double[] {0.5, 0.7, 1.0}) variants.put("blur " + sigma, map(renders, r -> blur(r, sigma)));
      variants.put("down 48 up", map(renders, r -> resize(resize(r, 48), 64)));
      variants.put("down 32 up", map(renders, r -> resize(resize(r, 32), 64)));
      Random rnd = new Random(5);
      variants.put("noise 0.04", map(renders, r -> noise(r, 0.04, rnd)));
      for (var e : variants.entrySet()) {
        var readings = judge.read(e.getValue());
        System.out.printf("%-14s%s%n", e.getKey(), Probes.tally(prompts, readings));
        var sb = new StringBuilder("   ");
        for (var at : new Attribute[] {Attribute.STYLE, Attribute.BACKGROUND, Attribute.SIZE, Attribute.COUNT}) {
          int said = 0, held = 0;
          for (int i = 0; i < prompts.size(); i++) {
            var d = prompts.get(i).description();
            if (at == Attribute.COUNT || d.mentioned().contains(at)) {
              said++;
              held += SketchbookJudge.meets(readings.get(i), d, at) ? 1 : 0;
            }
          }
          sb.append(String.format(" %s %.3f (%d)", at, held / (double) said, said));
        }
        var confusion = new TreeMap<String, Integer>();
        for (int i = 0; i < prompts.size(); i++) {
          var d = prompts.get(i).description();
          if (d.style() != null && d.style() != readings.get(i).style()) confusion.merge(d.style() + "->" + readings.get(i).style(), 1, Integer::sum);
        }
        int allButStyle = 0;
        for (int i = 0; i < prompts.size(); i++) {
          var d = prompts.get(i).description();
          var free = new Description(null, d.background(), d.objects());
          allButStyle += SketchbookJudge.meets(readings.get(i), free) ? 1 : 0;
        }
        sb.append(String.format(" ALL-BUT-STYLE %.3f", allButStyle / (double) prompts.size()));
        System.out.println(sb + " " + confusion);
      }
    }
  }

  interface F { BufferedImage f(BufferedImage b); }

  static List<BufferedImage> map(List<BufferedImage> in, F f) {
    var out = new ArrayList<BufferedImage>();
    for (var b : in) out.add(f.f(b));
    return out;
  }

  static BufferedImage blur(BufferedImage src, double sigma) {
    int r = (int) Math.ceil(3 * sigma);
    float[] k = new float[2 * r + 1];
    float sum = 0;
    for (int i = -r; i <= r; i++) sum += k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
    for (int i = 0; i < k.length; i++) k[i] /= sum;
    var h = new ConvolveOp(new Kernel(k.length, 1, k), ConvolveOp.EDGE_NO_OP, null);
    var v = new ConvolveOp(new Kernel(1, k.length, k), ConvolveOp.EDGE_NO_OP, null);
    return v.filter(h.filter(rgb(src), null), null);
  }

  static BufferedImage rgb(BufferedImage s) {
    var o = new BufferedImage(s.getWidth(), s.getHeight(), BufferedImage.TYPE_INT_RGB);
    o.getGraphics().drawImage(s, 0, 0, null);
    return o;
  }

  static BufferedImage resize(BufferedImage s, int size) {
    var o = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    var g = o.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(s, 0, 0, size, size, null);
    g.dispose();
    return o;
  }

  static BufferedImage noise(BufferedImage s, double sd, Random rnd) {
    var o = rgb(s);
    for (int y = 0; y < o.getHeight(); y++) for (int x = 0; x < o.getWidth(); x++) {
      int p = o.getRGB(x, y);
      int out = 0;
      for (int sh = 16; sh >= 0; sh -= 8) {
        int c = (int) Math.round(((p >> sh) & 255) + rnd.nextGaussian() * sd * 255);
        out |= Math.max(0, Math.min(255, c)) << sh;
      }
      o.setRGB(x, y, out);
    }
    return o;
  }
}
