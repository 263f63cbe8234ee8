package workbench.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import workbench.shared.DaemonThreads;

/**
 * Trains the checker contrastively: InfoNCE both ways at temperature 0.07, each image also
 * against every caption's hard negative. Batches are rendered on a helper thread.
 */
public final class CheckerTraining {

  public static final float TEMPERATURE = 0.07f;
  public static final String WEIGHTS = "checker.params";
  private static final int CHECKPOINT_EVERY = 250;

  /** Settings of one run; {@link #defaults(int, long)} is what the shipped weights used. */
  public record Settings(int steps, long seed, int batch, float learningRate, double unknownRate) {
    public static Settings defaults(int steps, long seed) {
      return new Settings(steps, seed, 64, 1e-3f, 0.02);
    }
  }

  /** What a run produced: the step whose weights were saved, last loss and in-batch accuracy, duration. */
  public record Result(int steps, int savedStep, double loss, double accuracy, double seconds) {}

  private CheckerTraining() {}

  public static Result train(Settings settings, Path outDir, PrintStream console) throws IOException {
    return train(settings, null, outDir, console);
  }

  /** Continues from the checker weights in {@code init} when given (fine-tuning), else starts fresh. */
  public static Result train(Settings settings, @Nullable Path init, Path outDir, PrintStream console)
      throws IOException {
    CpuKernels.guard();
    Engine.getInstance().setRandomSeed((int) settings.seed());
    int b = settings.batch();
    Files.createDirectories(outDir);
    ExecutorService render = Executors.newSingleThreadExecutor(DaemonThreads.named("checker-batches"));
    var network = new CheckerNetwork();
    try (Model model = Model.newInstance("checker", Device.cpu());
        var progress = new TrainingProgress(outDir.resolve("checker-loss.csv"), settings.steps(), console)) {
      model.setBlock(network);
      Optimizer adam = Optimizer.adam()
          .optLearningRateTracker(Tracker.cosine().setBaseValue(settings.learningRate())
              .optFinalValue(settings.learningRate() / 20).setMaxUpdates(settings.steps()).build())
          .optBeta2(0.98f) // as CLIP: a slow second moment lets loss spikes through and the run collapsed
          .optClipGrad(1f)
          .build();
      var config = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam).optDevices(new Device[] {Device.cpu()});
      double loss = 0;
      double accuracy = 0;
      double windowLoss = 0;
      double bestWindowLoss = Double.POSITIVE_INFINITY;
      int bestStep = 0;
      if (init != null) {
        // Loaded parameters count as initialised, so the trainer keeps them.
        network.initialize(model.getNDManager(), DataType.FLOAT32,
            CheckerNetwork.imageShape(b), CheckerNetwork.textShape(2 * b));
        try (var in = new DataInputStream(Files.newInputStream(init.resolve(WEIGHTS)))) {
          network.loadParameters(model.getNDManager(), in);
        } catch (MalformedModelException e) {
          throw new ModelLoadException("cannot load " + init.resolve(WEIGHTS) + ": " + e.getMessage(), e);
        }
      }
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(CheckerNetwork.imageShape(b), CheckerNetwork.textShape(2 * b));
        CompletableFuture<CheckerExamples> next = prefetch(render, settings, 0);
        for (int step = 1; step <= settings.steps(); step++) {
          CheckerExamples examples = next.join();
          next = prefetch(render, settings, step);
          try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray images = scope.create(examples.images(), CheckerNetwork.imageShape(b));
            NDArray texts = scope.create(examples.texts(), CheckerNetwork.textShape(2 * b));
            NDArray toText = scope.create(examples.maskImageToText(), new Shape(b, 2 * b));
            NDArray toImage = scope.create(examples.maskTextToImage(), new Shape(b, b));
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDList out = trainer.forward(new NDList(images, texts));
              NDArray[] terms = contrastiveLoss(out.get(0), out.get(1), toText, toImage);
              loss = terms[0].getFloat();
              accuracy = terms[1].getFloat();
              if (!Double.isFinite(loss)) {
                // A bad batch must not poison the weights: skip it (the first run died of one).
                console.println("skipping step " + step + ": loss " + loss);
                continue;
              }
              collector.backward(terms[0]);
            }
            trainer.step();
          }
          progress.record(step, loss, accuracy, b);
          windowLoss += loss;
          if (step % CHECKPOINT_EVERY == 0) {
            // Keep the best window's weights: a run cut short, or one that diverges, still leaves good weights.
            if (windowLoss < bestWindowLoss) {
              bestWindowLoss = windowLoss;
              save(network, outDir.resolve(WEIGHTS));
              bestStep = step;
            }
            windowLoss = 0;
          }
        }
      }
      if (settings.steps() % CHECKPOINT_EVERY != 0 || bestStep == 0) {
        save(network, outDir.resolve(WEIGHTS));
        bestStep = settings.steps();
      }
      console.println("saved the weights of step " + bestStep);
      return new Result(settings.steps(), bestStep, loss, accuracy, progress.seconds());
    } finally {
      render.shutdownNow();
    }
  }

  static void save(Block network, Path file) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (var out = new DataOutputStream(Files.newOutputStream(partial))) {
      network.saveParameters(out);
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
  }

  private static CompletableFuture<CheckerExamples> prefetch(ExecutorService render, Settings s, long step) {
    return CompletableFuture.supplyAsync(() -> CheckerExamples.batch(s.seed(), step, s.batch(), s.unknownRate()), render);
  }

  /** Returns {loss, image-to-text in-batch accuracy}. */
  static NDArray[] contrastiveLoss(NDArray imageOut, NDArray textOut, NDArray maskToText, NDArray maskToImage) {
    long b = imageOut.getShape().get(0);
    NDArray image = imageOut.normalize(2, 1);
    NDArray text = textOut.normalize(2, 1);
    NDArray positives = text.get("0:" + b);
    NDArray toText = image.matMul(text.transpose()).div(TEMPERATURE).add(maskToText);
    NDArray toImage = positives.matMul(image.transpose()).div(TEMPERATURE).add(maskToImage);
    NDArray target = image.getManager().arange((int) b);
    NDArray targetText = target.oneHot((int) (2 * b));
    NDArray targetImage = target.oneHot((int) b);
    NDArray lossText = toText.logSoftmax(1).mul(targetText).sum(new int[] {1}).neg().mean();
    NDArray lossImage = toImage.logSoftmax(1).mul(targetImage).sum(new int[] {1}).neg().mean();
    NDArray accuracy = toText.argMax(1).eq(target.toType(DataType.INT64, false))
        .toType(DataType.FLOAT32, false).mean();
    return new NDArray[] {lossText.add(lossImage).div(2), accuracy};
  }
}
