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
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import workbench.shared.DaemonThreads;

/**
 * Trains the judge on renders only (never on generated images): cross-entropy per head, each
 * head's loss a mean over the slots where it counts, Adam with a cosine schedule. Batches are
 * rendered on a helper thread. The weights are saved every {@value #CHECKPOINT_EVERY} steps, so
 * a run cut short can be continued with {@code --init}.
 */
public final class JudgeTraining {

  public static final String WEIGHTS = "judge.params";
  public static final String LOSS_CSV = "judge-loss.csv";
  private static final int CHECKPOINT_EVERY = 250;

  /**
   * Settings of one run; {@code handShare} is the part of each batch drawn from scenes with a
   * hand (0: the split as it comes).
   */
  public record Settings(int steps, long seed, int batch, float learningRate, double handShare) {
    public static Settings defaults(int steps, long seed) {
      return new Settings(steps, seed, 64, 2e-3f, 0.25);
    }
  }

  /** What a run produced: last loss, in-batch mean and weakest head accuracy of the last window, duration. */
  public record Result(int steps, double loss, double meanAccuracy, double weakestHead, double seconds) {}

  private JudgeTraining() {}

  /** Continues from the judge weights in {@code init} when given, else starts fresh. */
  public static Result train(Settings settings, @Nullable Path init, Path outDir, PrintStream console)
      throws IOException {
    Engine.getInstance().setRandomSeed((int) settings.seed());
    int b = settings.batch();
    Files.createDirectories(outDir);
    NativeMemory.tune(); // each step frees tens of MB; without it they are page-faulted in again
    CpuKernels.guard();
    ExecutorService render = Executors.newSingleThreadExecutor(DaemonThreads.named("judge-batches"));
    var network = new JudgeNetwork();
    try (Model model = Model.newInstance("judge", Device.cpu());
        var progress = new TrainingProgress(outDir.resolve(LOSS_CSV), settings.steps(), console)) {
      model.setBlock(network);
      Optimizer adam = Optimizer.adam()
          .optLearningRateTracker(Tracker.cosine().setBaseValue(settings.learningRate())
              .optFinalValue(settings.learningRate() / 50).setMaxUpdates(settings.steps()).build())
          .optClipGrad(1f)
          .build();
      var config = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam).optDevices(new Device[] {Device.cpu()});
      if (init != null) {
        // Loaded parameters count as initialised, so the trainer keeps them.
        network.initialize(model.getNDManager(), DataType.FLOAT32, JudgeNetwork.imageShape(b));
        try (var in = new DataInputStream(Files.newInputStream(init.resolve(WEIGHTS)))) {
          network.loadParameters(model.getNDManager(), in);
        } catch (MalformedModelException e) {
          throw new ModelLoadException("cannot load " + init.resolve(WEIGHTS) + ": " + e.getMessage(), e);
        }
      }
      double loss = 0;
      var window = new JudgeAccuracy();
      var last = new JudgeAccuracy();
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(JudgeNetwork.imageShape(b));
        CompletableFuture<JudgeExamples> next = prefetch(render, settings, 0);
        for (int step = 1; step <= settings.steps(); step++) {
          JudgeExamples examples = next.join();
          next = prefetch(render, settings, step);
          var accuracy = new JudgeAccuracy();
          try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray images = scope.create(examples.images(), JudgeNetwork.imageShape(b));
            NDArray targets = scope.create(examples.targets(), new Shape(b, JudgeNetwork.OUTPUTS));
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDArray logits = trainer.forward(new NDList(images)).get(0);
              NDArray total = loss(logits, targets);
              loss = total.getFloat();
              if (!Double.isFinite(loss)) {
                console.println("skipping step " + step + ": loss " + loss);
                continue;
              }
              collector.backward(total);
              float[] values = logits.toFloatArray();
              accuracy.add(values, examples.labels(), b);
              window.add(values, examples.labels(), b);
            }
            trainer.step();
          }
          progress.record(step, loss, accuracy.mean(), b);
          if (step % CHECKPOINT_EVERY == 0) {
            CheckerTraining.save(network, outDir.resolve(WEIGHTS));
            console.println("checkpoint at step " + step + ", in-batch accuracy per head " + rounded(window));
            last = window;
            window = new JudgeAccuracy();
          }
        }
      }
      if (settings.steps() % CHECKPOINT_EVERY != 0) {
        CheckerTraining.save(network, outDir.resolve(WEIGHTS));
        last = window;
      }
      console.println("saved the weights of step " + settings.steps());
      return new Result(settings.steps(), loss, last.mean(), last.min(), progress.seconds());
    } finally {
      render.shutdownNow();
    }
  }

  /** The sum over heads of each head's mean cross-entropy (the targets carry the 1/count). */
  static NDArray loss(NDArray logits, NDArray targets) {
    return JudgeNetwork.logProbabilities(logits).mul(targets).sum().neg();
  }

  private static String rounded(JudgeAccuracy accuracy) {
    var parts = new StringBuilder();
    accuracy.perHead().forEach((head, value) -> parts.append(head).append(' ').append(String.format("%.3f", value)).append("  "));
    return parts.toString().trim();
  }

  private static CompletableFuture<JudgeExamples> prefetch(ExecutorService render, Settings s, long step) {
    return CompletableFuture.supplyAsync(() -> JudgeExamples.batch(s.seed(), step, s.batch(), s.handShare()), render);
  }
}
