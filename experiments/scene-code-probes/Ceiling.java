package workbench.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.*;
import workbench.sketchbook.*;

/** Judge on renders drawn back through the autoencoder alone and through the code. */
public class Ceiling {
  public static void main(String[] a) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    var src = a.length > 0 ? ModelSource.directory(Path.of(a[0])) : ModelSource.classpath();
    int n = a.length > 1 ? Integer.parseInt(a[1]) : 200;
    var prompts = HeldOutPrompts.first(n, 1);
    try (var judge = SketchbookJudge.load(); var ae = SketchbookAutoencoder.load(src, Device.cpu());
        var code = SketchbookCode.load(src, Device.cpu()); NDManager m = NDManager.newBaseManager()) {
      var renders = new ArrayList<BufferedImage>();
      var viaAe = new ArrayList<BufferedImage>();
      var viaCode = new ArrayList<BufferedImage>();
      for (int from = 0; from < n; from += 20) {
        int b = Math.min(20, n - from);
        float[] px = new float[b * SketchbookDiffusion.PIXELS];
        for (int i = 0; i < b; i++) {
          var r = prompts.get(from + i).render();
          renders.add(r);
          DiffusionTraining.copyRender(prompts.get(from + i).scene(), px, i);
        }
        try (NDManager s = m.newSubManager()) {
          var x = s.create(px, AutoencoderNetwork.imageShape(b));
          var lat = ae.encode(x);
          float[] d1 = ae.decode(lat).toFloatArray();
          float[] d2 = ae.decode(code.decode(code.encode(lat))).toFloatArray();
          for (int i = 0; i < b; i++) {
            viaAe.add(SketchbookDiffusion.image(Arrays.copyOfRange(d1, i * SketchbookDiffusion.PIXELS, (i + 1) * SketchbookDiffusion.PIXELS)));
            viaCode.add(SketchbookDiffusion.image(Arrays.copyOfRange(d2, i * SketchbookDiffusion.PIXELS, (i + 1) * SketchbookDiffusion.PIXELS)));
          }
        }
      }
      for (var e : Map.of("render", renders, "ae", viaAe, "code", viaCode).entrySet()) {
        var readings = judge.read(e.getValue());
        var sb = new StringBuilder(e.getKey());
        for (var at : new Attribute[] {Attribute.OBJECT, Attribute.COLOUR, Attribute.POSITION, Attribute.COUNT}) {
          int ok = 0;
          for (int i = 0; i < n; i++) ok += SketchbookJudge.meets(readings.get(i), prompts.get(i).description(), at) ? 1 : 0;
          sb.append(String.format(" %s %.3f", at, ok / (double) n));
        }
        int all = 0;
        for (int i = 0; i < n; i++) all += SketchbookJudge.meets(readings.get(i), prompts.get(i).description()) ? 1 : 0;
        sb.append(String.format(" ALL %.3f", all / (double) n));
        System.out.println(sb);
        // Per kind: is a kind the samples miss already lost here, or only in the prior?
        var asked = new TreeMap<ObjectKind, int[]>();
        for (int i = 0; i < n; i++) {
          var reading = readings.get(i);
          for (var claim : prompts.get(i).description().objects()) {
            int[] tally = asked.computeIfAbsent(claim.kind(), k -> new int[2]);
            tally[1]++;
            if (reading.objects().stream().anyMatch(o -> o.kind() == claim.kind())) tally[0]++;
          }
        }
        var kinds = new StringBuilder("  kinds:");
        asked.forEach((k, t) -> kinds.append(String.format(" %s=%.2f", k.name().toLowerCase(), t[0] / (double) t[1])));
        System.out.println(kinds);
        // Per size of the scene's objects (all small, all big, mixed): where is the object lost?
        var bySize = new TreeMap<String, int[]>();
        for (int i = 0; i < n; i++) {
          var sizes = new TreeSet<String>();
          prompts.get(i).scene().objects().forEach(o -> sizes.add(o.size().name().toLowerCase()));
          int[] t = bySize.computeIfAbsent(String.join("+", sizes), k -> new int[2]);
          t[1]++;
          t[0] += SketchbookJudge.meets(readings.get(i), prompts.get(i).description(), Attribute.OBJECT) ? 1 : 0;
        }
        var sizes = new StringBuilder("  sizes:");
        bySize.forEach((k, t) -> sizes.append(String.format(" %s=%.2f (%d)", k, t[0] / (double) t[1], t[1])));
        System.out.println(sizes);
      }
    }
  }
}
