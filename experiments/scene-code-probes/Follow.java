package workbench.model;

import ai.djl.Device;
import java.awt.image.BufferedImage;
import java.util.*;
import workbench.loop.SeedStatic;
import workbench.sketchbook.ObjectKind;

/**
 * Try gg (throw-away): does the prior follow the caption's kind or the code's? Single-object
 * held-out renders' codes are noised to t0 and sampled back (DDIM, the shipped split guidance)
 * with their caption with the kind swapped for another; the judge says whether the drawing shows
 * the caption's kind, the code's, or neither.
 *
 * <pre>java -cp ... workbench.model.Follow MODELDIR|- CAPTIONS 0.2 0.4 0.6 0.8 1</pre>
 */
public class Follow {

  public static void main(String[] a) throws Exception {
    ModelSource source = Probes.source(a[0]);
    int n = Integer.parseInt(a[1]);
    var prompts = new ArrayList<>(HeldOutPrompts.first(n, 1).stream().filter(p -> p.scene().objects().size() == 1).toList());
    float[][] codes = Probes.codes(prompts, source);
    var swapped = new ArrayList<String>();
    var asked = new ArrayList<ObjectKind>();
    for (var p : prompts) {
      var random = new Random(p.seed() * 7 + 3);
      String text = KindContrast.swapped(p, random);
      swapped.add(text);
      ObjectKind kind = null;
      for (ObjectKind k : ObjectKind.values()) {
        if (k != p.scene().objects().get(0).kind() && java.util.regex.Pattern.compile("\\b(" + k.singular() + "|" + k.plural() + ")\\b").matcher(text).find()
            && (kind == null || k.singular().length() > kind.singular().length())) {
          kind = k;
        }
      }
      asked.add(kind);
    }
    try (var judge = SketchbookJudge.load(); var checker = SketchbookChecker.load(source, Device.cpu());
        var model = SketchbookDiffusion.load(source, Device.cpu(), checker)) {
      int size = model.stateSize();
      for (int v = 2; v < a.length; v++) {
        double t0 = Double.parseDouble(a[v]);
        int steps = Math.max(1, (int) Math.round(25 * t0));
        var images = new ArrayList<BufferedImage>();
        for (int from = 0; from < prompts.size(); from += 16) {
          int b = Math.min(16, prompts.size() - from);
          float[][] x = new float[b][];
          var ps = new ArrayList<SketchbookDiffusion.Prompt>();
          for (int i = 0; i < b; i++) {
            float[] noise = SeedStatic.latent(prompts.get(from + i).seed(), size);
            x[i] = new float[size];
            for (int j = 0; j < size; j++) {
              x[i][j] = (float) (DiffusionSampler.alpha(t0) * codes[from + i][j] + DiffusionSampler.sigma(t0) * noise[j]);
            }
            ps.add(SketchbookDiffusion.Prompt.of(swapped.get(from + i)));
          }
          for (int k = 0; k < steps; k++) {
            double t = t0 * (1 - k / (double) steps);
            double s = t0 * (1 - (k + 1) / (double) steps);
            float[][] vel = model.velocity(x, t, ps, 3);
            for (int i = 0; i < b; i++) {
              Probes.move(x[i], vel[i], t, s, 0, null);
            }
          }
          for (int i = 0; i < b; i++) {
            images.add(model.picture(x[i]));
          }
        }
        var readings = judge.read(images);
        int caption = 0;
        int code = 0;
        for (int i = 0; i < prompts.size(); i++) {
          var kinds = readings.get(i).objects().stream().map(o -> o.kind()).toList();
          caption += kinds.contains(asked.get(i)) ? 1 : 0;
          code += kinds.contains(prompts.get(i).scene().objects().get(0).kind()) ? 1 : 0;
        }
        System.out.printf("t0 %.2f  caption's kind %.3f  code's kind %.3f  (%d images)%n", t0,
            caption / (double) prompts.size(), code / (double) prompts.size(), prompts.size());
      }
    }
  }
}
