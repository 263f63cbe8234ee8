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
 * Trains the {@link CodeNetwork} on the frozen autoencoder's latents of Sketchbook renders: the
 * squared error of the latent plus the absolute error of the image the autoencoder draws from
 * it (what a person sees). Resumable, with a preview sheet of held-out renders, their latents
 * drawn, and their codes drawn.
 */
public final class CodeTraining {

  public static final String RAW = "code-raw.params";
  public static final String STATE = "code-state.json";
  public static final String LOSS = "code-loss.csv";
  public static final String DRAWING_RAW = "drawing-raw.params";
  public static final String DRAWING_STATE = "drawing-state.json";
  public static final String DRAWING_LOSS = "drawing-loss.csv";

  public record Settings(int steps, long seed, int batch, float learningRate, int warmup, int checkpointEvery) {
    /** What the shipped code used (at 1e-3 a first run diverged near step 650). */
    public static Settings defaults(int steps, long seed) {
      return new Settings(steps, seed, 32, 5e-4f, 200, 250);
    }

    /** What the shipped decoders' tuning used: a gentler rate, from trained weights. */
    public static Settings tuning(int steps, long seed) {
      return new Settings(steps, seed, 32, 2e-4f, 100, 250);
    }
  }

  public record Result(int steps, int firstStep, double loss, double heldOutError, double seconds) {}

  private CodeTraining() {}

  public static Result train(Settings settings, ModelSource autoencoderSource, Path outDir, PrintStream console)
      throws IOException {
    CpuKernels.guard();
    Engine.getInstance().setRandomSeed((int) settings.seed());
    Files.createDirectories(outDir);
    int first = DiffusionTraining.resumeStep(outDir, STATE, RAW);
    if (!Files.exists(outDir.resolve(SketchbookAutoencoder.WEIGHTS))) {
      // The code belongs to this autoencoder's latents: the folder holds both, ready for the prior.
      Files.write(outDir.resolve(SketchbookAutoencoder.WEIGHTS),
          autoencoderSource.readVerified(autoencoderSource.card(), SketchbookAutoencoder.WEIGHTS));
    }
    ExecutorService render = Executors.newSingleThreadExecutor(DaemonThreads.named("code-batches"));
    var network = new CodeNetwork();
    try (SketchbookAutoencoder autoencoder = SketchbookAutoencoder.load(autoencoderSource, Device.cpu());
        Model model = Model.newInstance("code", Device.cpu());
        var progress = new TrainingProgress(outDir.resolve(LOSS), settings.steps(), console, first > 0)) {
      model.setBlock(network);
      if (first > 0) {
        network.initialize(model.getNDManager(), DataType.FLOAT32, CodeNetwork.latentShape(settings.batch()));
        try (var in = new DataInputStream(Files.newInputStream(outDir.resolve(RAW)))) {
          network.loadParameters(model.getNDManager(), in);
        } catch (MalformedModelException e) {
          throw new ModelLoadException("cannot load " + outDir.resolve(RAW) + ": " + e.getMessage(), e);
        }
        console.println("continuing from step " + first);
      }
      var config = DiffusionTraining.adamConfig(settings.learningRate(), settings.warmup());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(CodeNetwork.latentShape(settings.batch()));
        CompletableFuture<float[]> next = prefetch(render, settings, first);
        double loss = 0;
        double error = Double.NaN;
        for (int step = first + 1; step <= settings.steps(); step++) {
          float[] images = next.join();
          next = prefetch(render, settings, step);
          try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray x = scope.create(images, AutoencoderNetwork.imageShape(settings.batch()));
            NDArray latent = autoencoder.encode(x).stopGradient();
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDArray out = trainer.forward(new NDList(latent)).singletonOrThrow();
              NDArray drawn = autoencoder.decode(out);
              NDArray total = out.sub(latent).square().mean().add(drawn.sub(x).abs().mean());
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
            HalfWeights.write(network, outDir.resolve(SketchbookCode.WEIGHTS));
            DiffusionTraining.writeStep(outDir.resolve(STATE), step);
            progress.flush();
            error = preview(network, autoencoder, model, outDir);
            console.println(String.format(Locale.ROOT,
                "held-out image drawn from the code at step %d: mean absolute error %.4f (of 2); preview written",
                step, error));
          }
        }
        if (Double.isNaN(error)) {
          error = preview(network, autoencoder, model, outDir);
        }
        return new Result(settings.steps(), first, loss, error, progress.seconds());
      }
    } finally {
      render.shutdownNow();
    }
  }

  /**
   * Tunes the code's and the autoencoder's decoders together on renders, from the weights in
   * {@code source}, with both encoders frozen ({@link DrawingNetwork}): absolute plus squared
   * pixel error of the render drawn from its code with static. Writes both tuned weight files
   * (half floats, the encoders' values unchanged) to {@code outDir}; resumable.
   */
  public static Result tuneDecoders(Settings settings, ModelSource source, Path outDir, PrintStream console)
      throws IOException {
    CpuKernels.guard();
    Engine.getInstance().setRandomSeed((int) settings.seed());
    Files.createDirectories(outDir);
    int first = DiffusionTraining.resumeStep(outDir, DRAWING_STATE, DRAWING_RAW);
    ExecutorService render = Executors.newSingleThreadExecutor(DaemonThreads.named("drawing-batches"));
    var network = new DrawingNetwork();
    try (Model model = Model.newInstance("drawing", Device.cpu());
        var progress = new TrainingProgress(outDir.resolve(DRAWING_LOSS), settings.steps(), console, first > 0)) {
      model.setBlock(network);
      if (first > 0) {
        // Loaded before the trainer starts, which attaches the gradients to what is there.
        network.initialize(model.getNDManager(), DataType.FLOAT32, AutoencoderNetwork.imageShape(settings.batch()));
        DiffusionTraining.load(network, model.getNDManager(), outDir.resolve(DRAWING_RAW));
        console.println("continuing from step " + first);
      }
      var config = DiffusionTraining.adamConfig(settings.learningRate(), settings.warmup());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(AutoencoderNetwork.imageShape(settings.batch()));
        if (first == 0) {
          HalfWeights.read(network.code, source.readVerified(source.card(), SketchbookCode.WEIGHTS),
              model.getNDManager());
          HalfWeights.read(network.autoencoder, source.readVerified(source.card(), SketchbookAutoencoder.WEIGHTS),
              model.getNDManager());
        }
        network.freezeEncoders();
        CompletableFuture<float[]> next = prefetch(render, settings, first);
        double loss = 0;
        double error = Double.NaN;
        for (int step = first + 1; step <= settings.steps(); step++) {
          float[] images = next.join();
          next = prefetch(render, settings, step);
          try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray x = scope.create(images, AutoencoderNetwork.imageShape(settings.batch()));
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDArray difference = trainer.forward(new NDList(x)).singletonOrThrow().sub(x);
              NDArray total = difference.abs().mean().add(difference.square().mean());
              loss = total.getFloat();
              if (Double.isFinite(loss)) {
                collector.backward(total);
              }
            }
            if (!Double.isFinite(loss) || !DiffusionTraining.finiteGradients(network)) {
              continue;
            }
            trainer.step();
          }
          progress.record(step, loss, 0, settings.batch());
          if (step % settings.checkpointEvery() == 0 || step == settings.steps()) {
            CheckerTraining.save(network, outDir.resolve(DRAWING_RAW));
            HalfWeights.write(network.code, outDir.resolve(SketchbookCode.WEIGHTS));
            HalfWeights.write(network.autoencoder, outDir.resolve(SketchbookAutoencoder.WEIGHTS));
            DiffusionTraining.writeStep(outDir.resolve(DRAWING_STATE), step);
            progress.flush();
            error = drawingPreview(network, model, outDir);
            console.println(String.format(Locale.ROOT,
                "held-out image drawn from the code at step %d: mean absolute error %.4f (of 2); preview written",
                step, error));
          }
        }
        if (Double.isNaN(error)) {
          error = drawingPreview(network, model, outDir);
        }
        return new Result(settings.steps(), first, loss, error, progress.seconds());
      }
    } finally {
      render.shutdownNow();
    }
  }

  /** Sixteen held-out renders over their drawings from their codes; the mean absolute error of the drawings. */
  private static double drawingPreview(DrawingNetwork network, Model model, Path dir) throws IOException {
    int n = 16;
    float[] images = new float[n * SketchbookDiffusion.PIXELS];
    for (int i = 0; i < n; i++) {
      DiffusionTraining.copyRender(Sketchbook.scene(Split.HELD_OUT.seed(i)), images, i);
    }
    float[] drawn;
    try (NDManager scope = model.getNDManager().newSubManager()) {
      drawn = network.forward(new ParameterStore(scope, false),
          new NDList(scope.create(images, AutoencoderNetwork.imageShape(n))), false).singletonOrThrow().toFloatArray();
    }
    writeSheet(dir.resolve("drawing-preview.png"), n, images, drawn);
    return meanAbsolute(drawn, images);
  }

  /** Rows of n images each (PIXELS values in [-1, 1] per image), one under the other, as a PNG. */
  private static void writeSheet(Path file, int n, float[]... rows) throws IOException {
    int size = Sketchbook.IMAGE_SIZE;
    var sheet = new BufferedImage(n * (size + 2), rows.length * (size + 2), BufferedImage.TYPE_INT_RGB);
    var g = sheet.createGraphics();
    for (int r = 0; r < rows.length; r++) {
      for (int i = 0; i < n; i++) {
        float[] one = new float[SketchbookDiffusion.PIXELS];
        System.arraycopy(rows[r], i * one.length, one, 0, one.length);
        g.drawImage(SketchbookDiffusion.image(one), i * (size + 2), r * (size + 2), null);
      }
    }
    g.dispose();
    ImageIO.write(sheet, "png", file.toFile());
  }

  /**
   * Sixteen held-out renders, the autoencoder's drawing of their latents, and the drawing of
   * their codes, one row each; returns the mean absolute pixel error of the last row.
   */
  static double preview(CodeNetwork network, SketchbookAutoencoder autoencoder, Model model, Path dir)
      throws IOException {
    int n = 16;
    float[] images = new float[n * SketchbookDiffusion.PIXELS];
    for (int i = 0; i < n; i++) {
      DiffusionTraining.copyRender(Sketchbook.scene(Split.HELD_OUT.seed(i)), images, i);
    }
    float[][] rows;
    try (NDManager scope = model.getNDManager().newSubManager()) {
      var store = new ParameterStore(scope, false);
      NDArray x = scope.create(images, AutoencoderNetwork.imageShape(n));
      NDArray latent = autoencoder.encode(x);
      rows = new float[][] {images, autoencoder.decode(latent).toFloatArray(),
          autoencoder.decode(network.decode(store, network.encode(store, latent, false), false)).toFloatArray()};
    }
    writeSheet(dir.resolve("code-preview.png"), n, rows);
    return meanAbsolute(rows[2], images);
  }

  private static double meanAbsolute(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum / a.length;
  }

  private static CompletableFuture<float[]> prefetch(ExecutorService render, Settings s, long step) {
    return CompletableFuture.supplyAsync(() -> batch(s, step), render);
  }

  /** Renders from the train split, a stretch apart from the autoencoder's and the diffusion model's. */
  private static float[] batch(Settings s, long step) {
    int b = s.batch();
    long span = Split.TRAIN.endSeed() - Split.TRAIN.firstSeed();
    float[] images = new float[b * SketchbookDiffusion.PIXELS];
    for (int i = 0; i < b; i++) {
      long index = Math.floorMod(span / 2 + s.seed() * 5_003L * 1_000_000L + step * b + i, span);
      DiffusionTraining.copyRender(Sketchbook.scene(Split.TRAIN.seed(index)), images, i);
    }
    return images;
  }
}
