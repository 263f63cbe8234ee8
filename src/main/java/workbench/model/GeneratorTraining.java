package workbench.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import workbench.shared.DaemonThreads;
import workbench.sketchbook.Caption;
import workbench.sketchbook.CaptionGrammar;
import workbench.sketchbook.Scene;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Split;

/**
 * Trains the generator prior against a fixed, already trained checker: a conditional VAE loss
 * (reconstruction plus KL) and an alignment term: images decoded from fresh latents for a
 * caption should be recognised by the checker as that caption among the batch's captions.
 */
public final class GeneratorTraining {

  public static final String WEIGHTS = "generator.params";
  private static final int CHECKPOINT_EVERY = 100;

  /**
   * reconstructionWeight is 1/(2 sigma^2) of a Gaussian decoder; alignmentWeight scales the
   * checker term (0 gives a plain conditional VAE).
   */
  public record Settings(int steps, long seed, int batch, float learningRate,
      float reconstructionWeight, float alignmentWeight) {
    public static Settings defaults(int steps, long seed) {
      return new Settings(steps, seed, 32, 4e-4f, 2f, 100f);
    }
  }

  public record Result(int steps, int savedStep, double loss, double alignmentAccuracy, double seconds) {}

  private record Examples(float[] images, List<String> captions, float[] mask, float[] noise, float[] prior) {}

  private GeneratorTraining() {}

  public static Result train(Settings settings, Path checkerDir, Path outDir, PrintStream console) throws IOException {
    CpuKernels.guard();
    Engine.getInstance().setRandomSeed((int) settings.seed());
    int b = settings.batch();
    Files.createDirectories(outDir);
    ExecutorService render = Executors.newSingleThreadExecutor(DaemonThreads.named("generator-batches"));
    var network = new GeneratorNetwork();
    try (SketchbookChecker checker = SketchbookChecker.load(ModelSource.directory(checkerDir), Device.cpu());
        Model model = Model.newInstance("generator", Device.cpu());
        var progress = new TrainingProgress(outDir.resolve("generator-loss.csv"), settings.steps(), console)) {
      model.setBlock(network);
      Optimizer adam = Optimizer.adam()
          .optLearningRateTracker(Tracker.cosine().setBaseValue(settings.learningRate())
              .optFinalValue(settings.learningRate() / 20).setMaxUpdates(settings.steps()).build())
          .optBeta2(0.98f)
          // No clipping here: the summed reconstruction loss makes every gradient element exceed any
          // clip, which turns Adam into sign descent and the decoder diverged.
          .build();
      var config = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam).optDevices(new Device[] {Device.cpu()});
      double loss = 0;
      double accuracy = 0;
      double windowLoss = 0;
      double bestWindowLoss = Double.POSITIVE_INFINITY;
      int savedStep = 0;
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(b, CheckerNetwork.EMBEDDING), new Shape(b, CheckerNetwork.EMBEDDING),
            new Shape(b, GeneratorNetwork.LATENT));
        CompletableFuture<Examples> next = CompletableFuture.supplyAsync(() -> examples(settings, 0), render);
        for (int step = 1; step <= settings.steps(); step++) {
          Examples ex = next.join();
          long nextStep = step;
          next = CompletableFuture.supplyAsync(() -> examples(settings, nextStep), render);
          try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray images = scope.create(ex.images(), CheckerNetwork.imageShape(b));
            NDArray text = checker.textEmbeddings(scope, ex.captions()).stopGradient();
            NDArray noise = scope.create(ex.noise(), new Shape(b, GeneratorNetwork.LATENT));
            NDArray prior = scope.create(ex.prior(), new Shape(b, GeneratorNetwork.LATENT));
            NDArray mask = scope.create(ex.mask(), new Shape(b, b));
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDArray seenImages = checker.imageEmbeddings(images).stopGradient();
              NDList out = trainer.forward(new NDList(seenImages, text, noise));
              NDArray reconstruction = out.get(0).sub(images).square().sum(new int[] {1, 2, 3}).mean()
                  .mul(settings.reconstructionWeight());
              NDArray mean = out.get(1);
              NDArray logVariance = out.get(2);
              NDArray kl = logVariance.add(1).sub(mean.square()).sub(logVariance.exp())
                  .sum(new int[] {1}).mean().mul(-0.5f);
              NDArray total = reconstruction.add(kl);
              if (settings.alignmentWeight() > 0) {
                NDArray fresh = network.decode(new ParameterStore(scope, false), prior, text, true);
                NDArray seen = checker.imageEmbeddings(fresh);
                NDArray logits = seen.matMul(text.transpose()).div(CheckerTraining.TEMPERATURE).add(mask);
                NDArray target = scope.arange(b);
                NDArray align = logits.logSoftmax(1).mul(target.oneHot(b)).sum(new int[] {1}).neg().mean();
                total = total.add(align.mul(settings.alignmentWeight()));
                accuracy = logits.argMax(1).eq(target.toType(DataType.INT64, false))
                    .toType(DataType.FLOAT32, false).mean().getFloat();
              }
              loss = total.getFloat();
              if (!Double.isFinite(loss)) {
                // Seen once after 350 good steps; the weights do not come back, so keep the best saved ones.
                console.println("stopping at step " + step + ": loss " + loss);
                break;
              }
              collector.backward(total);
            }
            trainer.step();
          }
          progress.record(step, loss, accuracy, b);
          windowLoss += loss;
          if (step % CHECKPOINT_EVERY == 0) {
            if (windowLoss < bestWindowLoss) {
              bestWindowLoss = windowLoss;
              CheckerTraining.save(network, outDir.resolve(WEIGHTS));
              savedStep = step;
            }
            windowLoss = 0;
          }
        }
      }
      if (savedStep == 0) {
        CheckerTraining.save(network, outDir.resolve(WEIGHTS)); // a run shorter than one checkpoint window
        savedStep = settings.steps();
      }
      console.println("saved the weights of step " + savedStep);
      return new Result(settings.steps(), savedStep, loss, accuracy, progress.seconds());
    } finally {
      render.shutdownNow();
    }
  }

  /** Scenes for the generator come from a different stretch of the train split than the checker's. */
  private static Examples examples(Settings s, long step) {
    int b = s.batch();
    long span = Split.TRAIN.endSeed() - Split.TRAIN.firstSeed();
    var random = new SplittableRandom(s.seed() * 7_000_003L + step);
    int pixels = 3 * Sketchbook.IMAGE_SIZE * Sketchbook.IMAGE_SIZE;
    float[] images = new float[b * pixels];
    List<Scene> scenes = new ArrayList<>();
    List<Caption> captions = new ArrayList<>();
    for (int i = 0; i < b; i++) {
      long index = Math.floorMod(span / 2 + s.seed() * 104_729L * 1_000_000L + step * b + i, span);
      Scene scene = Sketchbook.scene(Split.TRAIN.seed(index));
      scenes.add(scene);
      captions.add(CaptionGrammar.describe(scene, random));
      System.arraycopy(Sketchbook.pixels(Sketchbook.render(scene)), 0, images, i * pixels, pixels);
    }
    float[] mask = new float[b * b];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < b; j++) {
        if (i != j && captions.get(j).description().isTrueFor(scenes.get(i))) {
          mask[i * b + j] = CheckerExamples.MASKED;
        }
      }
    }
    float[] noise = gaussian(random, b * GeneratorNetwork.LATENT);
    float[] prior = gaussian(random, b * GeneratorNetwork.LATENT);
    return new Examples(images, captions.stream().map(Caption::text).toList(), mask, noise, prior);
  }

  private static float[] gaussian(SplittableRandom random, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      double u = 1.0 - random.nextDouble();
      out[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble()));
    }
    return out;
  }
}
