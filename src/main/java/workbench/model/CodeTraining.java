package workbench.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Split;

/**
 * Trains the {@link CodeNetwork} on the frozen autoencoder's latents of Sketchbook renders: the
 * squared error of the latent plus the absolute error of the image the autoencoder draws from
 * it (what a person sees). Resumable, with a preview sheet of held-out renders, their latents
 * drawn, and their codes drawn.
 */
public final class CodeTraining {

  /** Name the runs' models, batch threads and files ({@link RenderTraining}). */
  private static final String NAME = "code";
  private static final String DRAWING = "drawing";
  public static final String LOSS = NAME + RenderTraining.LOSS_SUFFIX;
  public static final String DRAWING_LOSS = DRAWING + RenderTraining.LOSS_SUFFIX;

  /**
   * A run's settings; a {@code finalLearningRate} below the rate decays it, a {@code perceptualWeight}
   * above 0 adds that times the {@link PerceptualLoss} of the image drawn to the loss, a
   * {@code maxGradientNorm} above 0 clips each step's gradient to that length
   * ({@link RenderTraining#clipGradients}).
   */
  public record Settings(int steps, long seed, int batch, float learningRate, int warmup, int checkpointEvery,
      float finalLearningRate, float perceptualWeight, float maxGradientNorm) {
    /** A run at a fixed rate after its warm-up, on pixel error alone. */
    public Settings(int steps, long seed, int batch, float learningRate, int warmup, int checkpointEvery) {
      this(steps, seed, batch, learningRate, warmup, checkpointEvery, learningRate, 0f);
    }

    /** A run whose gradients are never clipped, as every shipped run's were. */
    public Settings(int steps, long seed, int batch, float learningRate, int warmup, int checkpointEvery,
        float finalLearningRate, float perceptualWeight) {
      this(steps, seed, batch, learningRate, warmup, checkpointEvery, finalLearningRate, perceptualWeight, 0f);
    }

    /** What the shipped code used (at 1e-3 a first run diverged near step 650). */
    public static Settings defaults(int steps, long seed) {
      return new Settings(steps, seed, 32, 5e-4f, 200, 250);
    }

    /** What the shipped decoders' tuning used: a gentler rate, from trained weights. */
    public static Settings tuning(int steps, long seed) {
      return new Settings(steps, seed, 32, 2e-4f, 100, 250);
    }

    RenderTraining.Settings loop() {
      return new RenderTraining.Settings(steps, seed, batch, learningRate, warmup, checkpointEvery,
          finalLearningRate, maxGradientNorm);
    }

    Result result(RenderTraining.Outcome outcome) {
      return new Result(steps, outcome.firstStep(), outcome.loss(), outcome.heldOutError(), outcome.seconds());
    }
  }

  public record Result(int steps, int firstStep, double loss, double heldOutError, double seconds) {}

  private CodeTraining() {}

  public static Result train(Settings settings, ModelSource autoencoderSource, Path outDir, PrintStream console)
      throws IOException {
    return train(settings, autoencoderSource, null, outDir, console);
  }

  /**
   * As above; a fresh run (no checkpoint in {@code outDir}) with {@code init} starts from the
   * code's weights there (e.g. the shipped ones), so the code trains on and its space stays close
   * to the one a prior was trained on, rather than a new code from nothing.
   */
  public static Result train(Settings settings, ModelSource autoencoderSource, @Nullable ModelSource init,
      Path outDir, PrintStream console) throws IOException {
    // The checker loads before the seed: the weight changes the loss, not the run's random numbers.
    try (var perceptual = PerceptualLoss.of(settings.perceptualWeight())) {
      RenderTraining.seed(settings.seed());
      Files.createDirectories(outDir);
      if (!Files.exists(outDir.resolve(SketchbookAutoencoder.WEIGHTS))) {
        // The code belongs to this autoencoder's latents: the folder holds both, ready for the prior.
        Files.write(outDir.resolve(SketchbookAutoencoder.WEIGHTS),
            autoencoderSource.readVerified(autoencoderSource.card(), SketchbookAutoencoder.WEIGHTS));
      }
      try (SketchbookAutoencoder autoencoder = SketchbookAutoencoder.load(autoencoderSource, Device.cpu())) {
        // The code folds this autoencoder's latent, however many numbers a cell it has.
        var network = new CodeNetwork(autoencoder.channels());
        var outcome = RenderTraining.train(new RenderTraining.Job(NAME, network, network::latentShape,
            step -> batch(settings, step), "held-out image drawn from the code") {
          @Override
          void prepare(Model model, boolean fresh) throws IOException {
            if (fresh && init != null) {
              RenderTraining.startFrom(network, init, init.card(), SketchbookCode.WEIGHTS, model, console);
            }
          }

          @Override
          NDArray loss(Trainer trainer, NDArray renders) {
            NDArray latent = autoencoder.encode(renders).stopGradient();
            NDArray out = trainer.forward(new NDList(latent)).singletonOrThrow();
            NDArray drawn = autoencoder.decode(out);
            NDArray error = out.sub(latent).square().mean().add(drawn.sub(renders).abs().mean());
            return perceptual.add(error, drawn, renders);
          }

          @Override
          void writeWeights(Path dir) throws IOException {
            HalfWeights.write(network, dir.resolve(SketchbookCode.WEIGHTS));
          }

          @Override
          double preview(Model model, Path dir) throws IOException {
            return CodeTraining.preview(network, autoencoder, model, dir);
          }
        }, settings.loop(), outDir, console);
        return settings.result(outcome);
      }
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
    // The checker loads before the seed: the weight changes the loss, not the run's random numbers.
    try (var perceptual = PerceptualLoss.of(settings.perceptualWeight())) {
      RenderTraining.seed(settings.seed());
      var network = new DrawingNetwork(AutoencoderTraining.channels(source));
      var outcome = RenderTraining.train(new RenderTraining.Job(DRAWING, network, AutoencoderNetwork::imageShape,
          step -> batch(settings, step), "held-out image drawn from the code") {
        @Override
        void prepare(Model model, boolean fresh) throws IOException {
          if (fresh) {
            ModelCard card = source.card();
            RenderTraining.startFrom(network.code, source, card, SketchbookCode.WEIGHTS, model, console);
            RenderTraining.startFrom(network.autoencoder, source, card, SketchbookAutoencoder.WEIGHTS, model, console);
          }
          network.freezeEncoders();
        }

        @Override
        NDArray loss(Trainer trainer, NDArray renders) {
          NDArray drawn = trainer.forward(new NDList(renders)).singletonOrThrow();
          return perceptual.add(RenderTraining.pixelError(drawn, renders), drawn, renders);
        }

        @Override
        void writeWeights(Path dir) throws IOException {
          HalfWeights.write(network.code, dir.resolve(SketchbookCode.WEIGHTS));
          HalfWeights.write(network.autoencoder, dir.resolve(SketchbookAutoencoder.WEIGHTS));
        }

        @Override
        double preview(Model model, Path dir) throws IOException {
          return drawingPreview(network, model, dir);
        }
      }, settings.loop(), outDir, console);
      return settings.result(outcome);
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
