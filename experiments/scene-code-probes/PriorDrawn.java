package workbench.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.util.PairList;
import java.io.*;
import java.nio.file.*;
import java.util.*;
import workbench.sketchbook.*;

/**
 * Decoders tuned on the prior's own codes (throw-away, try y). Try u found that the prior puts
 * a render's code back imprecisely (the kind's detail, at an amplitude of about 0.1, is lost),
 * while isotropic static on the exact code (what the decoders were tuned with) is not that
 * error. Here each train-split render's code is noised to t0 with the seed's static and sampled
 * back by the shipped prior with a caption of the scene (DDIM, guidance 3): the prior's own
 * version of that render. The decoders then learn to draw the render from it, so whatever the
 * prior's code still says of the kind (it was conditioned on the caption) can reach the pixels.
 * The encoders and the prior are untouched: the prior's samples stay valid inputs.
 *
 * <pre>
 * java ... workbench.model.PriorDrawn bank MODELDIR OUT.bin N 0.3,0.4,0.5,0.6
 * java ... workbench.model.PriorDrawn train MODELDIR BANK.bin OUTDIR STEPS MIX [LR]
 * </pre>
 * MIX: the share of a batch drawn from the exact code with static 0.1, as the shipped tuning.
 */
public class PriorDrawn {

  static final long OFFSET = 3_000_000L; // train-split index where the bank's scenes begin

  public static void main(String[] a) throws Exception {
    ModelSource source = Probes.source(a[1]);
    if (a[0].equals("bank")) {
      bank(source, Path.of(a[2]), Integer.parseInt(a[3]), a[4]);
    } else {
      train(source, Path.of(a[2]), Path.of(a[3]), Integer.parseInt(a[4]), Double.parseDouble(a[5]),
          a.length > 6 ? Float.parseFloat(a[6]) : 2e-4f);
    }
  }

  static Scene scene(int i) {
    return Sketchbook.scene(Split.TRAIN.seed(OFFSET + i));
  }

  /** N scenes: exact code, then the prior's version from t0 (cycling through the list). */
  static void bank(ModelSource source, Path out, int n, String t0s) throws Exception {
    double[] times = Arrays.stream(t0s.split(",")).mapToDouble(Double::parseDouble).toArray();
    int size = CodeNetwork.CODE;
    float[][] exact = new float[n][];
    float[][] prior = new float[n][];
    long start = System.nanoTime();
    try (var ae = SketchbookAutoencoder.load(source, Device.cpu()); var code = SketchbookCode.load(source, Device.cpu());
        NDManager m = NDManager.newBaseManager()) {
      for (int from = 0; from < n; from += 32) {
        int b = Math.min(32, n - from);
        float[] px = new float[b * SketchbookDiffusion.PIXELS];
        for (int i = 0; i < b; i++) {
          DiffusionTraining.copyRender(scene(from + i), px, i);
        }
        float[] c;
        try (NDManager scope = m.newSubManager()) { // each batch's arrays freed with it
          c = code.encode(ae.encode(scope.create(px, AutoencoderNetwork.imageShape(b)))).toFloatArray();
        }
        for (int i = 0; i < b; i++) {
          exact[from + i] = Arrays.copyOfRange(c, i * size, (i + 1) * size);
        }
      }
    }
    System.out.printf("codes in %.0f s%n", (System.nanoTime() - start) / 1e9);
    try (var checker = SketchbookChecker.load(source, Device.cpu());
        var model = SketchbookDiffusion.load(source, Device.cpu(), checker)) {
      int batch = 64;
      for (int from = 0; from < n; from += batch) {
        int b = Math.min(batch, n - from);
        double t0 = times[(from / batch) % times.length];
        int steps = (int) Math.round(25 * t0);
        float[][] x = new float[b][];
        var ps = new ArrayList<SketchbookDiffusion.Prompt>();
        for (int i = 0; i < b; i++) {
          int k = from + i;
          var random = new SplittableRandom(7_919L * k + 11);
          ps.add(SketchbookDiffusion.Prompt.of(CaptionGrammar.describe(scene(k), random).text()));
          var noise = new Random(31L * k + 5);
          x[i] = new float[size];
          for (int j = 0; j < size; j++) {
            x[i][j] = (float) (DiffusionSampler.alpha(t0) * exact[k][j] + DiffusionSampler.sigma(t0) * noise.nextGaussian());
          }
        }
        for (int s = 0; s < steps; s++) {
          double t = t0 * (1 - s / (double) steps);
          double u = t0 * (1 - (s + 1) / (double) steps);
          float[][] v = model.velocity(x, t, ps, 3);
          for (int i = 0; i < b; i++) {
            Probes.move(x[i], v[i], t, u, 0, null);
          }
        }
        for (int i = 0; i < b; i++) {
          prior[from + i] = x[i];
        }
        if (from % 1024 == 0) {
          System.out.printf("%d of %d in %.0f s%n", from + b, n, (System.nanoTime() - start) / 1e9);
        }
      }
    }
    try (var out2 = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out)))) {
      out2.writeInt(n);
      out2.writeInt(size);
      for (int i = 0; i < n; i++) {
        for (float f : exact[i]) out2.writeFloat(f);
        for (float f : prior[i]) out2.writeFloat(f);
      }
    }
    double d = 0;
    for (int i = 0; i < n; i++) for (int j = 0; j < size; j++) d += Math.pow(exact[i][j] - prior[i][j], 2);
    System.out.printf("bank of %d written; RMS prior - exact %.3f; %.0f s%n", n, Math.sqrt(d / n / size),
        (System.nanoTime() - start) / 1e9);
  }

  /** The two decoders, reading a code (the encoders are there only so the weight files stay whole). */
  static final class Drawer extends AbstractBlock {
    final CodeNetwork code;
    final AutoencoderNetwork autoencoder;

    Drawer() {
      super((byte) 1);
      code = addChildBlock("code", new CodeNetwork());
      autoencoder = addChildBlock("autoencoder", new AutoencoderNetwork());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> p) {
      return new NDList(autoencoder.decode(store, code.decode(store, inputs.get(0), training), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
      return new Shape[] {AutoencoderNetwork.imageShape((int) in[0].get(0))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
      int b = (int) in[0].get(0);
      code.initialize(manager, dataType, code.latentShape(b));
      autoencoder.initialize(manager, dataType, AutoencoderNetwork.imageShape(b));
    }
  }

  static void train(ModelSource source, Path bankFile, Path outDir, int steps, double mix, float rate) throws Exception {
    RenderTraining.seed(41);
    Files.createDirectories(outDir);
    int n;
    int size;
    float[][] exact;
    float[][] prior;
    try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(bankFile)))) {
      n = in.readInt();
      size = in.readInt();
      exact = new float[n][size];
      prior = new float[n][size];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < size; j++) exact[i][j] = in.readFloat();
        for (int j = 0; j < size; j++) prior[i][j] = in.readFloat();
      }
    }
    int batch = 32;
    var network = new Drawer();
    var random = new Random(43);
    long start = System.nanoTime();
    try (Model model = Model.newInstance("drawer", Device.cpu())) {
      model.setBlock(network);
      var config = DiffusionTraining.adamConfig(rate, rate, 100, steps, 0);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(batch, size));
        ModelCard card = source.card();
        RenderTraining.startFrom(network.code, source, card, SketchbookCode.WEIGHTS, model, System.out);
        RenderTraining.startFrom(network.autoencoder, source, card, SketchbookAutoencoder.WEIGHTS, model, System.out);
        for (var block : new AbstractBlock[] {network.code, network.autoencoder}) {
          for (var par : block.getParameters().values()) {
            if (par.getName().startsWith("enc.")) par.freeze(true);
          }
        }
        double running = 0;
        for (int step = 1; step <= steps; step++) {
          float[] px = new float[batch * SketchbookDiffusion.PIXELS];
          float[] codes = new float[batch * size];
          for (int i = 0; i < batch; i++) {
            int k = random.nextInt(n);
            DiffusionTraining.copyRender(scene(k), px, i);
            boolean useExact = random.nextDouble() < mix;
            for (int j = 0; j < size; j++) {
              codes[i * size + j] = useExact ? exact[k][j] + (float) (CodeNetwork.CODE_NOISE * random.nextGaussian())
                  : prior[k][j];
            }
          }
          try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray x = scope.create(codes, new Shape(batch, size));
            NDArray target = scope.create(px, AutoencoderNetwork.imageShape(batch));
            float loss;
            try (var collector = trainer.newGradientCollector()) {
              NDArray total = RenderTraining.pixelError(trainer.forward(new NDList(x)).singletonOrThrow(), target);
              loss = total.getFloat();
              if (Float.isFinite(loss)) collector.backward(total);
            }
            if (!Float.isFinite(loss) || !DiffusionTraining.finiteGradients(network)) continue;
            trainer.step();
            running = step == 1 ? loss : 0.98 * running + 0.02 * loss;
          }
          if (step % 100 == 0 || step == steps) {
            System.out.printf("step %d loss %.4f  %.0f s%n", step, running, (System.nanoTime() - start) / 1e9);
          }
          if (step % 500 == 0 || step == steps) {
            HalfWeights.write(network.code, outDir.resolve(SketchbookCode.WEIGHTS));
            HalfWeights.write(network.autoencoder, outDir.resolve(SketchbookAutoencoder.WEIGHTS));
          }
        }
      }
    }
  }
}
