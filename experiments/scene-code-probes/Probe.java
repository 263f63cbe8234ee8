package workbench.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.*;
import java.nio.file.Path;
import workbench.sketchbook.*;

/** Dumps codes and latents of single-object renders with their labels, for a linear probe. */
public class Probe {
  public static void main(String[] a) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    var src = ModelSource.directory(Path.of(a[0]));
    int n = Integer.parseInt(a[1]);
    try (var ae = SketchbookAutoencoder.load(src, Device.cpu()); var code = SketchbookCode.load(src, Device.cpu());
        NDManager m = NDManager.newBaseManager(); var out = new PrintWriter(new FileWriter(a[2]))) {
      long seed = 0; int done = 0;
      while (done < n) {
        int b = 50;
        float[] px = new float[b * SketchbookDiffusion.PIXELS];
        Scene[] scenes = new Scene[b];
        for (int i = 0; i < b; ) {
          Scene s = Sketchbook.scene(Split.TRAIN.seed(7_000_000 + seed++));
          if (s.objects().size() != 1) continue;
          scenes[i] = s; DiffusionTraining.copyRender(s, px, i); i++;
        }
        try (NDManager s = m.newSubManager()) {
          float[] c = code.encode(ae.encode(s.create(px, AutoencoderNetwork.imageShape(b)))).toFloatArray();
          for (int i = 0; i < b; i++) {
            var o = scenes[i].objects().get(0);
            var sb = new StringBuilder();
            sb.append(o.kind().ordinal()).append(',').append(o.colour().ordinal()).append(',').append(o.size().ordinal())
              .append(',').append(o.position().ordinal()).append(',').append(o.count()).append(',').append(scenes[i].style().ordinal());
            for (int k = 0; k < CodeNetwork.CODE; k++) sb.append(',').append(c[i * CodeNetwork.CODE + k]);
            out.println(sb);
          }
        }
        done += b;
      }
    }
  }
}
