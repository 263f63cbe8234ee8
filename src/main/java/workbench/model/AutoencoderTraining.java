package workbench.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import workbench.shared.DaemonThreads;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Split;

/**
 * Trains the {@link AutoencoderNetwork} on Sketchbook renders: L1 plus squared error of the
 * reconstruction from a latent with static added (see the network). Resumable from its
 * checkpoints, with a preview sheet of held-out renders over their reconstructions.
 */
public final class AutoencoderTraining {

  public static final String RAW = "autoencoder-raw.params";
  public static final String STATE = "autoencoder-state.json";
  public static final String LOSS = "autoencoder-loss.csv";

  public record Settings(int steps, long seed, int batch, float learningRate, int warmup, int checkpointEvery) {
    public static Settings defaults(int steps, long seed) {
      return new Settings(steps, seed, 32, 1e-3f, 200, 250);
    }
  }

  public record Result(int steps, int firstStep, double loss, double heldOutError, double seconds) {}

  private AutoencoderTraining() {}

  public static Result train(Settings settings, Path outDir, PrintStream console) throws IOException {
    CpuKernels.guard();
    Engine.getInstance().setRandomSeed((int) settings.seed());
    Files.createDirectories(outDir);
    int first = DiffusionTraining.resumeStep(outDir, STATE, RAW);
    ExecutorService render = Executors.newSingleThreadExecutor(DaemonThreads.named("autoencoder-batches"));
    var network = new AutoencoderNetwork();
    try (Model model = Model.newInstance("autoencoder", Device.cpu());
        var progress = new TrainingProgress(outDir.resolve(LOSS), settings.steps(), console, first > 0)) {
      model.setBlock(network);
      if (first > 0) {
        network.initialize(model.getNDManager(), DataType.FLOAT32, AutoencoderNetwork.imageShape(settings.batch()));
        try (var in = new DataInputStream(Files.newInputStream(outDir.resolve(RAW)))) {
          network.loadParameters(model.getNDManager(), in);
        } catch (MalformedModelException e) {
          throw new ModelLoadException("cannot load " + outDir.resolve(RAW) + ": " + e.getMessage(), e);
        }
        console.println("continuing from step " + first);
      }
      var config = DiffusionTraining.adamConfig(settings.learningRate(), settings.warmup());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(AutoencoderNetwork.imageShape(settings.batch()));
        CompletableFuture<float[]> next = prefetch(render, settings, first);
        double loss = 0;
        double error = Double.NaN; // the last checkpoint's held-out error
        for (int step = first + 1; step <= settings.steps(); step++) {
          float[] images = next.join();
          next = prefetch(render, settings, step);
          try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray x = scope.create(images, AutoencoderNetwork.imageShape(settings.batch()));
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
              NDArray difference = out.sub(x);
              NDArray total = difference.abs().mean().add(difference.square().mean());
              loss = total.getFloat();
              if (Double.isFinite(loss)) {
                collector.backward(total);
              }
            }
            if (!Double.isFinite(loss) || !DiffusionTraining.finiteGradients(network)) {
              continue; // a NaN from the CPU kernels: the step is dropped (see DiffusionTraining)
            }
            trainer.step();
          }
          progress.record(step, loss, 0, settings.batch());
          if (step % settings.checkpointEvery() == 0 || step == settings.steps()) {
            CheckerTraining.save(network, outDir.resolve(RAW));
            HalfWeights.write(network, outDir.resolve(SketchbookAutoencoder.WEIGHTS));
            DiffusionTraining.writeStep(outDir.resolve(STATE), step);
            progress.flush();
            error = preview(network, model, outDir);
            console.println(String.format(Locale.ROOT,
                "held-out reconstruction at step %d: mean absolute error %.4f (of 2); preview written", step, error));
          }
        }
        if (Double.isNaN(error)) {
          error = preview(network, model, outDir); // nothing left to train: the checkpoint as it stands
        }
        return new Result(settings.steps(), first, loss, error, progress.seconds());
      }
    } finally {
      render.shutdownNow();
    }
  }

  /**
   * Sixteen held-out renders over their reconstructions (no static), written as a sheet; returns
   * the mean absolute pixel error of the reconstructions, in the [-1, 1] scale.
   */
  static double preview(AutoencoderNetwork network, Model model, Path dir) throws IOException {
    int n = 16;
    float[] images = new float[n * SketchbookDiffusion.PIXELS];
    for (int i = 0; i < n; i++) {
      DiffusionTraining.copyRender(Sketchbook.scene(Split.HELD_OUT.seed(i)), images, i);
    }
    int size = Sketchbook.IMAGE_SIZE;
    var sheet = new BufferedImage(n * (size + 2), 2 * (size + 2), BufferedImage.TYPE_INT_RGB);
    double error;
    try (NDManager scope = model.getNDManager().newSubManager()) {
      var store = new ParameterStore(scope, false);
      NDArray x = scope.create(images, AutoencoderNetwork.imageShape(n));
      NDArray out = network.decode(store, network.encode(store, x, false), false);
      error = out.sub(x).abs().mean().getFloat();
      float[] drawn = out.toFloatArray();
      var g = sheet.createGraphics();
      for (int i = 0; i < n; i++) {
        float[] one = new float[SketchbookDiffusion.PIXELS];
        System.arraycopy(images, i * one.length, one, 0, one.length);
        g.drawImage(SketchbookDiffusion.image(one), i * (size + 2), 0, null);
        System.arraycopy(drawn, i * one.length, one, 0, one.length);
        g.drawImage(SketchbookDiffusion.image(one), i * (size + 2), size + 2, null);
      }
      g.dispose();
    }
    ImageIO.write(sheet, "png", dir.resolve("autoencoder-preview.png").toFile());
    return error;
  }


  private static CompletableFuture<float[]> prefetch(ExecutorService render, Settings s, long step) {
    return CompletableFuture.supplyAsync(() -> batch(s, step), render);
  }

  /** Renders from the train split, a stretch apart from the diffusion model's. */
  private static float[] batch(Settings s, long step) {
    int b = s.batch();
    long span = Split.TRAIN.endSeed() - Split.TRAIN.firstSeed();
    float[] images = new float[b * SketchbookDiffusion.PIXELS];
    for (int i = 0; i < b; i++) {
      long index = Math.floorMod(span / 8 + s.seed() * 6_997L * 1_000_000L + step * b + i, span);
      DiffusionTraining.copyRender(Sketchbook.scene(Split.TRAIN.seed(index)), images, i);
    }
    return images;
  }
}
