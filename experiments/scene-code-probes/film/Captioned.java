package workbench.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.*;
import javax.imageio.ImageIO;
import workbench.loop.SeedStatic;

/**
 * Try w (throw-away; needs film.patch applied and -Dexp.film=true): the code's decoder reads the
 * caption. The held-out renders' own codes, and the prior's samples (DDIM, guidance 3, 25 steps),
 * each drawn without and with the caption, read by the judge; a sheet of the first 16 captions
 * (render, code drawn plain, code drawn with the caption, sample plain, sample with the caption).
 *
 * <pre>javac -d /tmp/probe-w -cp CLASSES-W:CP experiments/scene-code-probes/Probes.java experiments/scene-code-probes/film/Captioned.java
 * java -Dexp.film=true -cp /tmp/probe-w:CLASSES-W:CP workbench.model.Captioned MODELDIR CAPTIONS SHEET.png</pre>
 * (CLASSES-W: the app's classes built with film.patch applied.)
 */
public class Captioned {

  public static void main(String[] a) throws Exception {
    var source = Probes.source(a[0]);
    int n = Integer.parseInt(a[1]);
    var prompts = HeldOutPrompts.first(n, 2);
    try (var judge = SketchbookJudge.load(); var ae = SketchbookAutoencoder.load(source, Device.cpu());
        var code = SketchbookCode.load(source, Device.cpu());
        var checker = SketchbookChecker.load(source, Device.cpu());
        var model = SketchbookDiffusion.load(source, Device.cpu(), checker);
        NDManager m = NDManager.newBaseManager()) {
      int size = model.stateSize();
      var rows = new LinkedHashMap<String, List<BufferedImage>>();
      for (String r : List.of("render", "code plain", "code captioned", "sample plain", "sample captioned")) {
        rows.put(r, new ArrayList<>());
      }
      for (int from = 0; from < prompts.size(); from += 16) {
        int b = Math.min(16, prompts.size() - from);
        var part = prompts.subList(from, from + b);
        float[] px = new float[b * SketchbookDiffusion.PIXELS];
        var captions = new ArrayList<String>();
        var ps = new ArrayList<SketchbookDiffusion.Prompt>();
        for (int i = 0; i < b; i++) {
          DiffusionTraining.copyRender(part.get(i).scene(), px, i);
          rows.get("render").add(part.get(i).render());
          captions.add(part.get(i).caption());
          ps.add(SketchbookDiffusion.Prompt.of(part.get(i).caption()));
        }
        float[][] x = new float[b][];
        for (int i = 0; i < b; i++) {
          x[i] = SeedStatic.latent(part.get(i).seed(), size);
        }
        float[][] memory = new float[b][size];
        for (int step = 0; step < 25; step++) {
          float[][] v = model.velocity(x, DiffusionSampler.time(step, 25), ps, 3);
          for (int i = 0; i < b; i++) {
            DiffusionSampler.step(DiffusionSampler.DDIM, x[i], v[i], memory[i], step, 25);
          }
        }
        try (NDManager s = m.newSubManager()) {
          NDArray condition = checker.conditioning(s, captions);
          NDArray codes = code.encode(ae.encode(s.create(px, AutoencoderNetwork.imageShape(b))));
          float[] flat = new float[b * size];
          for (int i = 0; i < b; i++) {
            System.arraycopy(x[i], 0, flat, i * size, size);
          }
          NDArray sampled = s.create(flat, codes.getShape());
          add(rows.get("code plain"), ae.decode(code.decode(codes)), b);
          add(rows.get("code captioned"), ae.decode(code.decode(codes, condition)), b);
          add(rows.get("sample plain"), ae.decode(code.decode(sampled)), b);
          add(rows.get("sample captioned"), ae.decode(code.decode(sampled, condition)), b);
        }
      }
      for (var e : rows.entrySet()) {
        System.out.printf("%-17s%s%n", e.getKey(), Probes.tally(prompts, judge.read(e.getValue())));
      }
      int cells = 16;
      var sheet = new BufferedImage(cells * 66, rows.size() * 66, BufferedImage.TYPE_INT_RGB);
      var g = sheet.createGraphics();
      int r = 0;
      for (var images : rows.values()) {
        for (int i = 0; i < cells; i++) {
          g.drawImage(images.get(2 * i), i * 66, r * 66, null);
        }
        r++;
      }
      g.dispose();
      ImageIO.write(sheet, "png", Path.of(a[2]).toFile());
      for (int i = 0; i < cells; i++) {
        System.out.println(i + ": " + prompts.get(2 * i).caption());
      }
    }
  }

  private static void add(List<BufferedImage> out, NDArray images, int b) {
    float[] d = images.toFloatArray();
    for (int i = 0; i < b; i++) {
      out.add(SketchbookDiffusion.image(Arrays.copyOfRange(d, i * SketchbookDiffusion.PIXELS, (i + 1) * SketchbookDiffusion.PIXELS)));
    }
  }
}
