package workbench.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.*;
import workbench.sketchbook.*;

/** What the throw-away probes of tries t-w share: the model folder, the renders' codes, the judge's tally. */
final class Probes {

  private Probes() {}

  /** "-" for the shipped models, else a model folder. */
  static ModelSource source(String arg) {
    System.setProperty("ai.djl.offline", "true");
    return arg.equals("-") ? ModelSource.classpath() : ModelSource.directory(Path.of(arg));
  }

  /** Each prompt's render encoded by the autoencoder and the code: (prompts, CODE). */
  static float[][] codes(List<HeldOutPrompts.Prompt> prompts, ModelSource source) {
    int size = CodeNetwork.CODE;
    float[][] out = new float[prompts.size()][];
    try (var ae = SketchbookAutoencoder.load(source, Device.cpu()); var code = SketchbookCode.load(source, Device.cpu());
        NDManager m = NDManager.newBaseManager()) {
      for (int from = 0; from < prompts.size(); from += 20) {
        int b = Math.min(20, prompts.size() - from);
        float[] px = new float[b * SketchbookDiffusion.PIXELS];
        for (int i = 0; i < b; i++) {
          DiffusionTraining.copyRender(prompts.get(from + i).scene(), px, i);
        }
        float[] c = code.encode(ae.encode(m.create(px, AutoencoderNetwork.imageShape(b)))).toFloatArray();
        for (int i = 0; i < b; i++) {
          out[from + i] = Arrays.copyOfRange(c, i * size, (i + 1) * size);
        }
      }
    }
    return out;
  }

  /**
   * The judge's figures, as eval counts them: object, colour and position over the prompts that
   * name them, every claim over all; then per kind asked for, the share where it is seen.
   */
  static String tally(List<HeldOutPrompts.Prompt> prompts, List<JudgeReading> readings) {
    var sb = new StringBuilder();
    for (var at : List.of(Attribute.OBJECT, Attribute.COLOUR, Attribute.POSITION)) {
      int said = 0;
      int held = 0;
      for (int i = 0; i < prompts.size(); i++) {
        var d = prompts.get(i).description();
        if (d.mentioned().contains(at)) {
          said++;
          held += SketchbookJudge.meets(readings.get(i), d, at) ? 1 : 0;
        }
      }
      sb.append(String.format(" %s %.3f", at.name().toLowerCase(), held / (double) said));
    }
    int all = 0;
    var asked = new TreeMap<ObjectKind, int[]>();
    for (int i = 0; i < prompts.size(); i++) {
      var d = prompts.get(i).description();
      all += SketchbookJudge.meets(readings.get(i), d) ? 1 : 0;
      for (var claim : d.objects()) {
        int[] t = asked.computeIfAbsent(claim.kind(), k -> new int[2]);
        t[1]++;
        t[0] += readings.get(i).objects().stream().anyMatch(o -> o.kind() == claim.kind()) ? 1 : 0;
      }
    }
    sb.append(String.format(" all %.3f |", all / (double) prompts.size()));
    asked.forEach((k, t) -> sb.append(String.format(" %s=%.2f", k.name().toLowerCase(), t[0] / (double) t[1])));
    return sb.toString();
  }

  /**
   * One DDIM move of {@code x} from t to s given the model's v (eta 0; with eta, the share of
   * fresh static from {@code random}, eta 1 being ancestral sampling), at any two times.
   */
  static void move(float[] x, float[] v, double t, double s, double eta, Random random) {
    double at = DiffusionSampler.alpha(t);
    double st = DiffusionSampler.sigma(t);
    double as = DiffusionSampler.alpha(s);
    double ss = DiffusionSampler.sigma(s);
    double c = eta > 0 && ss > 0
        ? eta * Math.sqrt((ss * ss) / (st * st) * (1 - (at * at * ss * ss) / (as * as * st * st))) : 0;
    double keep = Math.sqrt(Math.max(0, ss * ss - c * c));
    for (int j = 0; j < x.length; j++) {
      double x0 = at * x[j] - st * v[j];
      double eps = st * x[j] + at * v[j];
      x[j] = (float) (as * x0 + keep * eps + (c > 0 ? c * random.nextGaussian() : 0));
    }
  }
}
