package workbench.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import workbench.sketchbook.*;

/** How far a continued code's codes moved from the codes a prior was trained on (throw-away). */
public class CodeDrift {
  public static void main(String[] a) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    var before = ModelSource.directory(Path.of(a[0]));
    var after = ModelSource.directory(Path.of(a[1]));
    int n = 1000;
    try (var ae0 = SketchbookAutoencoder.load(before, Device.cpu()); var c0 = SketchbookCode.load(before, Device.cpu());
        var ae1 = SketchbookAutoencoder.load(after, Device.cpu()); var c1 = SketchbookCode.load(after, Device.cpu());
        NDManager m = NDManager.newBaseManager()) {
      double diff = 0, spread = 0, mean = 0, sq = 0;
      int cells = 0;
      for (int from = 0; from < n; from += 50) {
        float[] px = new float[50 * SketchbookDiffusion.PIXELS];
        for (int i = 0; i < 50; i++) DiffusionTraining.copyRender(Sketchbook.scene(Split.HELD_OUT.seed(20_000 + from + i)), px, i);
        try (NDManager s = m.newSubManager()) {
          var x = s.create(px, AutoencoderNetwork.imageShape(50));
          float[] z0 = c0.encode(ae0.encode(x)).toFloatArray();
          float[] z1 = c1.encode(ae1.encode(x)).toFloatArray();
          for (int i = 0; i < z0.length; i++) { diff += Math.abs(z0[i] - z1[i]); mean += z0[i]; sq += z0[i] * z0[i]; cells++; }
        }
      }
      mean /= cells;
      double sd = Math.sqrt(sq / cells - mean * mean);
      System.out.printf("mean |new - old| %.4f; old codes: sd %.4f (code noise in training 0.1)%n", diff / cells, sd);
    }
  }
}
