package workbench.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import workbench.shared.DaemonThreads;

/**
 * The loop the networks that learn from renders alone share (the autoencoder, the scene code,
 * the drawing's tuning): batches rendered on a helper thread one step ahead, Adam after a
 * warm-up, a step with a non-finite loss or gradient dropped (see
 * {@link DiffusionTraining#finiteGradients}), and every {@code checkpointEvery} steps the raw
 * weights, the shipped half floats, the step reached and a preview sheet, so a second call on
 * the same folder continues. Each network brings its {@link Job}: what it reads, how it scores
 * a batch, what it writes and previews.
 */
final class RenderTraining {

  /** One run's settings, as each trainer's own {@code Settings} gives them; a max gradient norm of 0 clips nothing. */
  record Settings(int steps, long seed, int batch, float learningRate, int warmup, int checkpointEvery,
      float finalLearningRate, float maxGradientNorm) {}

  /** What a run leaves: its last step's loss and the last preview's held-out error. */
  record Outcome(int firstStep, double loss, double heldOutError, double seconds) {}

  /** What one network brings to the loop: what it reads, how it scores a batch, what it writes and previews. */
  abstract static class Job {
    /** Names its model, its batch thread and its files ({@code NAME-raw.params} and the like). */
    private final String name;
    private final AbstractBlock network;
    /** The shape the network is initialised with, for a batch of the given size. */
    private final IntFunction<Shape> inputShape;
    /** The renders of a step, as pixels in [-1, 1] (called on the batch thread). */
    private final LongFunction<float[]> renders;
    /** What the preview's error is of, for the console: "held-out reconstruction" and the like. */
    private final String previewed;

    Job(String name, AbstractBlock network, IntFunction<Shape> inputShape, LongFunction<float[]> renders,
        String previewed) {
      this.name = name;
      this.network = network;
      this.inputShape = inputShape;
      this.renders = renders;
      this.previewed = previewed;
    }

    /** Called once the trainer holds the network's gradients: a fresh run's start weights, freezes. */
    void prepare(Model model, boolean fresh) throws IOException {}

    /** The loss of one batch of renders (in the step's scope), recorded for the open gradient collector. */
    abstract NDArray loss(Trainer trainer, NDArray renders);

    /** Writes the weights that ship (half floats) into {@code dir}. */
    abstract void writeWeights(Path dir) throws IOException;

    /** Writes the preview sheet into {@code dir}; returns its held-out mean absolute pixel error. */
    abstract double preview(Model model, Path dir) throws IOException;
  }

  /** A run's loss curve is {@code NAME-loss.csv}. */
  static final String LOSS_SUFFIX = "-loss.csv";

  private RenderTraining() {}

  /** Guards the CPU kernels and seeds the engine's random numbers with the run's seed. */
  static void seed(long seed) {
    CpuKernels.guard();
    Engine.getInstance().setRandomSeed((int) seed);
  }

  /**
   * Reads {@code file}'s shipped weights from {@code source} into {@code block}: a fresh run that
   * starts from a model rather than from the engine's random numbers (a resumed run has its
   * checkpoint instead). {@code card} is {@code source}'s card, read once by a caller that starts
   * several blocks. Said on the console, so a run's log names where it began.
   */
  static void startFrom(Block block, ModelSource source, ModelCard card, String file, Model model,
      PrintStream console) throws IOException {
    HalfWeights.read(block, source.readVerified(card, file), model.getNDManager());
    console.println("starting from " + source.describe(file));
  }

  /** Absolute plus squared pixel error of a drawing against its render (both in [-1, 1]). */
  static NDArray pixelError(NDArray drawn, NDArray renders) {
    NDArray difference = drawn.sub(renders);
    return difference.abs().mean().add(difference.square().mean());
  }

  private static String rawFile(Job job) {
    return job.name + "-raw.params";
  }

  private static String stateFile(Job job) {
    return job.name + "-state.json";
  }

  private static String lossFile(Job job) {
    return job.name + LOSS_SUFFIX;
  }

  /**
   * Trains {@code job}'s network. The caller seeds the engine first ({@link #seed}), before it
   * loads anything the job needs: loading a network initialises it from the engine's random
   * numbers, and the shipped runs drew their start weights after those.
   */
  static Outcome train(Job job, Settings settings, Path outDir, PrintStream console) throws IOException {
    Files.createDirectories(outDir);
    int first = DiffusionTraining.resumeStep(outDir, stateFile(job), rawFile(job));
    ExecutorService render = Executors.newSingleThreadExecutor(DaemonThreads.named(job.name + "-batches"));
    var network = job.network;
    Shape shape = job.inputShape.apply(settings.batch());
    try (Model model = Model.newInstance(job.name, Device.cpu());
        var progress = new TrainingProgress(outDir.resolve(lossFile(job)), settings.steps(), console, first > 0)) {
      model.setBlock(network);
      if (first > 0) {
        // Loaded before the trainer starts, which attaches the gradients to what is there.
        network.initialize(model.getNDManager(), DataType.FLOAT32, shape);
        DiffusionTraining.load(network, model.getNDManager(), outDir.resolve(rawFile(job)));
        console.println("continuing from step " + first);
      }
      var config = DiffusionTraining.adamConfig(settings.learningRate(), settings.finalLearningRate(),
          settings.warmup(), settings.steps(), first);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(shape);
        job.prepare(model, first == 0);
        CompletableFuture<float[]> next = CompletableFuture.supplyAsync(() -> job.renders.apply(first), render);
        double loss = 0;
        double error = Double.NaN; // the last checkpoint's held-out error
        var norms = new NormTally();
        for (int step = first + 1; step <= settings.steps(); step++) {
          float[] renders = next.join();
          long following = step;
          next = CompletableFuture.supplyAsync(() -> job.renders.apply(following), render);
          try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray x = scope.create(renders, AutoencoderNetwork.imageShape(settings.batch()));
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDArray total = job.loss(trainer, x);
              loss = total.getFloat();
              if (Double.isFinite(loss)) {
                collector.backward(total);
              }
            }
            if (!Double.isFinite(loss) || !DiffusionTraining.finiteGradients(network)) {
              continue; // a NaN from the CPU kernels: the step is dropped (see DiffusionTraining)
            }
            norms.add(clipGradients(network, settings.maxGradientNorm()), settings.maxGradientNorm());
            trainer.step();
          }
          progress.record(step, loss, 0, settings.batch());
          if (step % settings.checkpointEvery() == 0 || step == settings.steps()) {
            CheckerTraining.save(network, outDir.resolve(rawFile(job)));
            job.writeWeights(outDir);
            DiffusionTraining.writeStep(outDir.resolve(stateFile(job)), step);
            progress.flush();
            error = job.preview(model, outDir);
            console.println(String.format(Locale.ROOT,
                "%s at step %d: mean absolute error %.4f (of 2); preview written", job.previewed, step, error));
            console.println("gradient norm since the last checkpoint: " + norms.summary());
            norms = new NormTally();
          }
        }
        if (Double.isNaN(error)) {
          error = job.preview(model, outDir); // nothing left to train: the checkpoint as it stands
        }
        return new Outcome(first, loss, error, progress.seconds());
      }
    } finally {
      render.shutdownNow();
    }
  }

  /**
   * Scales the network's gradients so that their length over every trainable parameter together
   * is at most {@code max} (0: left alone), and returns their length before. A loss that jumps
   * for one batch otherwise fills Adam's moments with that batch's gradient, and a code run with
   * the perceptual loss diverged so at step 730 and never came back
   * ({@code experiments/scene-code-probes}, try jj). Clipping each element instead would turn Adam
   * into sign descent (see {@link GeneratorTraining}).
   */
  static double clipGradients(Block network, float max) {
    var gradients = new ArrayList<NDArray>();
    try {
      double squares = 0;
      for (var p : network.getParameters().values()) {
        if (p.requiresGradient()) { // frozen ones have none
          NDArray gradient = p.getArray().getGradient();
          gradients.add(gradient);
          // Closed here: they would belong to the model's manager and outlive the step otherwise.
          try (NDArray square = gradient.square(); NDArray sum = square.sum()) {
            squares += sum.getFloat();
          }
        }
      }
      double norm = Math.sqrt(squares);
      if (max > 0 && norm > max) {
        for (NDArray gradient : gradients) {
          gradient.muli((float) (max / norm)); // in place: the handle shares the parameter's gradient
        }
      }
      return norm;
    } finally {
      gradients.forEach(NDArray::close); // only the handles: the parameters keep their gradients
    }
  }

  /** The gradient lengths of the steps since the last checkpoint, for the console. */
  private static final class NormTally {
    private final List<Double> norms = new ArrayList<>();
    private int clipped;

    void add(double norm, float max) {
      norms.add(norm);
      if (max > 0 && norm > max) {
        clipped++;
      }
    }

    String summary() {
      if (norms.isEmpty()) {
        return "no steps";
      }
      var sorted = norms.stream().sorted().toList();
      return String.format(Locale.ROOT, "median %.3g, largest %.3g, %d of %d steps clipped",
          sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), clipped, sorted.size());
    }
  }
}
