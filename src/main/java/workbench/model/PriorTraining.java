package workbench.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import workbench.sketchbook.CaptionGrammar;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Split;

/**
 * Trains the diffusion model over scene codes ({@link PriorNetwork}) as {@link DiffusionTraining}
 * trains the UNet (v-prediction, cosine schedule, condition dropout, EMA, the same checkpoint
 * files), but from a bank of codes: the renders of a stretch of the train split are encoded once
 * (autoencoder, then {@link CodeNetwork}) and kept in the run's folder, and every step draws a
 * batch of them with a fresh caption of each scene. Rendering was most of a step's time, and the
 * prior needs far larger batches than the UNet.
 */
public final class PriorTraining {

  public static final String BANK = "prior-bank.bin";

  /** Settings of one run; {@link #defaults} is what the shipped prior's first run used (the card lists each run's). */
  public record Settings(int steps, long seed, int batch, float learningRate, int warmup, float emaDecay,
      double conditionDropout, int checkpointEvery, int bankSize, boolean crossAttention, float finalLearningRate) {
    /** A run at a fixed rate after its warm-up; a {@code finalLearningRate} below it decays the rate. */
    public Settings(int steps, long seed, int batch, float learningRate, int warmup, float emaDecay,
        double conditionDropout, int checkpointEvery, int bankSize, boolean crossAttention) {
      this(steps, seed, batch, learningRate, warmup, emaDecay, conditionDropout, checkpointEvery, bankSize,
          crossAttention, learningRate);
    }

    public static Settings defaults(int steps, long seed) {
      return new Settings(steps, seed, 256, 5e-4f, 200, 0.999f, 0.1, 500, 100_000, false);
    }
  }

  public record Result(int steps, int firstStep, double loss, double seconds) {}

  /** Scene seeds and their codes. */
  record Bank(long[] scenes, float[][] codes) {}

  private PriorTraining() {}

  /**
   * @param checkerSource the checker whose text encoder conditions the prior
   * @param imageSource a folder holding {@link SketchbookAutoencoder#WEIGHTS} and {@link SketchbookCode#WEIGHTS}
   */
  public static Result train(Settings settings, ModelSource checkerSource, ModelSource imageSource, Path outDir,
      PrintStream console) throws IOException {
    return train(settings, checkerSource, imageSource, null, outDir, console);
  }

  /**
   * As above; a fresh run (no checkpoint in {@code outDir}) with {@code init} starts from the
   * prior's half-float weights in that folder (e.g. the shipped ones), raw and averaged weights
   * alike, so a later session can train the shipped prior on rather than again from nothing.
   */
  public static Result train(Settings settings, ModelSource checkerSource, ModelSource imageSource,
      @Nullable Path init, Path outDir, PrintStream console) throws IOException {
    CpuKernels.guard();
    Engine.getInstance().setRandomSeed((int) settings.seed());
    Files.createDirectories(outDir);
    int b = settings.batch();
    int first = DiffusionTraining.resumeStep(outDir);
    var network = new PriorNetwork(CheckerNetwork.CONDITION_WIDTH, CheckerNetwork.TEXT_WIDTH, settings.crossAttention());
    var average = new PriorNetwork(CheckerNetwork.CONDITION_WIDTH, CheckerNetwork.TEXT_WIDTH, settings.crossAttention());
    try (SketchbookChecker checker = SketchbookChecker.load(checkerSource, Device.cpu());
        SketchbookAutoencoder autoencoder = SketchbookAutoencoder.load(imageSource, Device.cpu());
        SketchbookCode code = SketchbookCode.load(imageSource, Device.cpu());
        Model model = Model.newInstance("prior", Device.cpu());
        Model emaModel = Model.newInstance("prior-ema", Device.cpu())) {
      Bank bank = bank(settings, autoencoder, code, outDir, console);
      // The code's main directions, for the sampler's detail guidance: the bank's codes are the code's own.
      var directions = CodeDirections.principal(bank.codes(), CodeDirections.COARSE);
      directions.write(outDir.resolve(CodeDirections.FILE));
      model.setBlock(network);
      emaModel.setBlock(average);
      Shape[] shapes = {network.inputShape(b), DiffusionNetwork.timeShape(b), network.textShape(b)};
      average.initialize(emaModel.getNDManager(), DataType.FLOAT32, shapes);
      if (first > 0) {
        network.initialize(model.getNDManager(), DataType.FLOAT32, shapes);
        DiffusionTraining.load(network, model.getNDManager(), outDir.resolve(DiffusionTraining.RAW));
        DiffusionTraining.load(average, emaModel.getNDManager(), outDir.resolve(DiffusionTraining.EMA));
        console.println("continuing from step " + first);
      }
      try (var progress = new TrainingProgress(outDir.resolve(DiffusionTraining.LOSS), settings.steps(), console,
              first > 0);
          Trainer trainer = model.newTrainer(DiffusionTraining.adamConfig(settings.learningRate(),
              settings.finalLearningRate(), settings.warmup(), settings.steps(), first))) {
        trainer.initialize(shapes);
        if (first == 0 && init != null) {
          byte[] initial = Files.readAllBytes(init.resolve(SketchbookDiffusion.WEIGHTS));
          if (!PriorNetwork.prior(HalfWeights.names(initial))) {
            throw new IOException(init.resolve(SketchbookDiffusion.WEIGHTS) + " holds a UNet, not a prior over scene codes");
          }
          List<String> fresh = HalfWeights.readPartial(network, initial, model.getNDManager());
          console.println("starting from the weights in " + init
              + (fresh.isEmpty() ? "" : " (" + fresh.size() + " new parameters start as initialised)"));
        }
        if (first == 0) {
          DiffusionTraining.copy(network, average, emaModel.getNDManager());
        }
        average.freezeParameters(true);
        List<NDArray> weights = new ArrayList<>();
        List<NDArray> averages = new ArrayList<>();
        network.getParameters().values().forEach(p -> weights.add(p.getArray()));
        average.getParameters().values().forEach(p -> averages.add(p.getArray()));
        var sampler = new SketchbookDiffusion(emaModel, average, checker, autoencoder, code, directions);
        double loss = 0;
        int skippedInARow = 0;
        for (int step = first + 1; step <= settings.steps(); step++) {
          var random = new SplittableRandom(settings.seed() * 9_000_011L + step);
          var captions = new ArrayList<String>();
          float[] codes = new float[b * CodeNetwork.CODE];
          float[] keep = new float[b];
          float[] times = new float[b];
          double offset = random.nextDouble();
          for (int i = 0; i < b; i++) {
            int j = random.nextInt(bank.scenes().length);
            captions.add(CaptionGrammar.describe(Sketchbook.scene(bank.scenes()[j]), random).text());
            System.arraycopy(bank.codes()[j], 0, codes, i * CodeNetwork.CODE, CodeNetwork.CODE);
            keep[i] = random.nextDouble() < settings.conditionDropout() ? 0f : 1f;
            times[i] = (float) (0.001 + 0.999 * ((offset + (double) i / b) % 1.0));
          }
          float[] noise = DiffusionTraining.gaussian(random, codes.length);
          try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray condition = checker.conditioning(scope, captions)
                .mul(scope.create(keep, new Shape(b, 1))).stopGradient();
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDArray x0 = scope.create(codes, network.inputShape(b));
              NDArray total = DiffusionTraining.vLoss(trainer, scope, x0, noise, times, condition);
              loss = total.getFloat();
              if (Double.isFinite(loss)) {
                collector.backward(total);
              }
            }
            if (!Double.isFinite(loss) || !DiffusionTraining.finiteGradients(network)) {
              if (++skippedInARow > DiffusionTraining.MAX_SKIPPED_IN_A_ROW) {
                console.println("stopping at step " + step + ": NaN steps in a row (the last checkpoint stands)");
                break;
              }
              continue;
            }
            skippedInARow = 0;
            trainer.step();
            DiffusionTraining.updateAverage(weights, averages,
                Math.min(settings.emaDecay(), (1f + step) / (10f + step)));
          }
          progress.record(step, loss, 0, b);
          if (step % settings.checkpointEvery() == 0 || step == settings.steps()) {
            DiffusionTraining.checkpoint(network, average, outDir, step);
            progress.flush();
            console.println("caption gain at step " + step + ": "
                + DiffusionTraining.captionGain(average, emaModel, checker, autoencoder, code));
            DiffusionTraining.preview(sampler, outDir, step, console);
          }
        }
        return new Result(settings.steps(), first, loss, progress.seconds());
      }
    }
  }

  /** The run's bank: read from its folder when there, else encoded from renders and written there. */
  static Bank bank(Settings settings, SketchbookAutoencoder autoencoder, SketchbookCode code, Path dir,
      PrintStream console) throws IOException {
    Path file = dir.resolve(BANK);
    int n = settings.bankSize();
    if (Files.exists(file)) {
      try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
        if (in.readInt() == n) {
          long[] scenes = new long[n];
          float[][] codes = new float[n][CodeNetwork.CODE];
          for (int i = 0; i < n; i++) {
            scenes[i] = in.readLong();
            for (int k = 0; k < CodeNetwork.CODE; k++) {
              codes[i][k] = in.readFloat();
            }
          }
          return new Bank(scenes, codes);
        }
      }
    }
    long span = Split.TRAIN.endSeed() - Split.TRAIN.firstSeed();
    long[] scenes = new long[n];
    float[][] codes = new float[n][];
    int chunk = 64;
    long start = System.nanoTime();
    for (int from = 0; from < n; from += chunk) {
      int count = Math.min(chunk, n - from);
      float[] images = new float[count * SketchbookDiffusion.PIXELS];
      int at = from;
      IntStream.range(0, count).parallel().forEach(i -> {
        // From 5/8 of the split on: apart from the autoencoder's, the code's, the UNet's and the judge's scenes.
        long index = Math.floorMod(5 * span / 8 + settings.seed() * n + at + i, span);
        scenes[at + i] = Split.TRAIN.seed(index);
        DiffusionTraining.copyRender(Sketchbook.scene(scenes[at + i]), images, i);
      });
      try (NDManager scope = NDManager.newBaseManager(Device.cpu())) {
        NDArray latents = autoencoder.encode(scope.create(images, AutoencoderNetwork.imageShape(count)));
        float[] flat = code.encode(latents).toFloatArray();
        for (int i = 0; i < count; i++) {
          codes[at + i] = java.util.Arrays.copyOfRange(flat, i * CodeNetwork.CODE, (i + 1) * CodeNetwork.CODE);
        }
      }
      if ((from / chunk) % 100 == 0) {
        console.printf("bank: %d of %d scenes encoded (%.0f s)%n", from + count, n, (System.nanoTime() - start) / 1e9);
      }
    }
    Path partial = dir.resolve(BANK + ".partial");
    try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
      out.writeInt(n);
      for (int i = 0; i < n; i++) {
        out.writeLong(scenes[i]);
        for (float v : codes[i]) {
          out.writeFloat(v);
        }
      }
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    return new Bank(scenes, codes);
  }
}
