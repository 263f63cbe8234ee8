package workbench.model;

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
 * Trains the {@link AutoencoderNetwork} on Sketchbook renders: L1 plus squared error of the
 * reconstruction from a latent with static added (see the network). Resumable from its
 * checkpoints, with a preview sheet of held-out renders over their reconstructions.
 */
public final class AutoencoderTraining {

  /** Names the run's model, batch thread and files ({@link RenderTraining}). */
  private static final String NAME = "autoencoder";
  public static final String LOSS = NAME + RenderTraining.LOSS_SUFFIX;

  /**
   * A run's settings; a {@code finalLearningRate} below the rate decays it, a {@code perceptualWeight}
   * above 0 adds that times the {@link PerceptualLoss} to the pixel error, a {@code maxGradientNorm}
   * above 0 clips each step's gradient to that length ({@link RenderTraining#clipGradients}).
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

    public static Settings defaults(int steps, long seed) {
      return new Settings(steps, seed, 32, 1e-3f, 200, 250);
    }

    RenderTraining.Settings loop() {
      return new RenderTraining.Settings(steps, seed, batch, learningRate, warmup, checkpointEvery,
          finalLearningRate, maxGradientNorm);
    }
  }

  public record Result(int steps, int firstStep, double loss, double heldOutError, double seconds) {}

  private AutoencoderTraining() {}

  public static Result train(Settings settings, Path outDir, PrintStream console) throws IOException {
    return train(settings, null, outDir, console);
  }

  /**
   * As above; a fresh run (no checkpoint in {@code outDir}) with {@code init} starts from the
   * autoencoder's weights there (e.g. the shipped ones), so a longer-trained autoencoder need not
   * begin again from nothing.
   */
  public static Result train(Settings settings, @Nullable ModelSource init, Path outDir, PrintStream console)
      throws IOException {
    return train(settings, init == null ? AutoencoderNetwork.LATENT : channels(init), init, outDir, console);
  }

  /**
   * As above, with {@code latentChannels} numbers per latent cell: more room for what a 4x4 patch
   * shows (a star's points, a stripe, a dot), at the price of a code that folds a wider latent. An
   * {@code init} or a checkpoint in {@code outDir} must have as many.
   */
  public static Result train(Settings settings, int latentChannels, @Nullable ModelSource init, Path outDir,
      PrintStream console) throws IOException {
    if (latentChannels < 1) {
      throw new IllegalArgumentException("latent channels must be at least 1, not " + latentChannels);
    }
    if (init != null && channels(init) != latentChannels) {
      throw new IllegalArgumentException("the autoencoder in " + init.describe(SketchbookAutoencoder.WEIGHTS) + " has "
          + channels(init) + " latent channels, not " + latentChannels);
    }
    Path earlier = outDir.resolve(SketchbookAutoencoder.WEIGHTS);
    int resumed = Files.exists(earlier) ? AutoencoderNetwork.channelsOf(Files.readAllBytes(earlier)) : latentChannels;
    if (resumed != latentChannels) {
      throw new IllegalArgumentException("the run in " + outDir + " has " + resumed + " latent channels, not "
          + latentChannels + ": resume it with as many, or start in another folder");
    }
    // The checker loads before the seed: the weight changes the loss, not the run's random numbers.
    try (var perceptual = PerceptualLoss.of(settings.perceptualWeight())) {
      RenderTraining.seed(settings.seed());
      var network = new AutoencoderNetwork(latentChannels);
      var outcome = RenderTraining.train(new RenderTraining.Job(NAME, network, AutoencoderNetwork::imageShape,
          step -> batch(settings, step), "held-out reconstruction") {
        @Override
        void prepare(Model model, boolean fresh) throws IOException {
          if (fresh && init != null) {
            RenderTraining.startFrom(network, init, init.card(), SketchbookAutoencoder.WEIGHTS, model, console);
          }
        }

        @Override
        NDArray loss(Trainer trainer, NDArray renders) {
          NDArray drawn = trainer.forward(new NDList(renders)).singletonOrThrow();
          return perceptual.add(RenderTraining.pixelError(drawn, renders), drawn, renders);
        }

        @Override
        void writeWeights(Path dir) throws IOException {
          HalfWeights.write(network, dir.resolve(SketchbookAutoencoder.WEIGHTS));
        }

        @Override
        double preview(Model model, Path dir) throws IOException {
          return AutoencoderTraining.preview(network, model, dir);
        }
      }, settings.loop(), outDir, console);
      return new Result(settings.steps(), outcome.firstStep(), outcome.loss(), outcome.heldOutError(),
          outcome.seconds());
    }
  }

  /** Numbers per latent cell of the autoencoder in {@code source}. */
  static int channels(ModelSource source) throws IOException {
    return AutoencoderNetwork.channelsOf(source.readVerified(source.card(), SketchbookAutoencoder.WEIGHTS));
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
