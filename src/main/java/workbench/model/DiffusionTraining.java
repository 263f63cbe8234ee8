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
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import workbench.shared.DaemonThreads;
import workbench.sketchbook.Caption;
import workbench.sketchbook.CaptionGrammar;
import workbench.sketchbook.Scene;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Split;

/**
 * Trains the Sketchbook diffusion model on renders and their captions, conditioned on the
 * frozen checker's text encoder: v-prediction under a cosine schedule, condition dropout for
 * classifier-free guidance, Adam with a warm-up, and an exponential moving average of the
 * weights (the EMA is what ships: it samples far cleaner than the raw weights of a short run).
 *
 * <p>Resumable: every checkpoint writes the raw and EMA weights and the step reached; a run
 * started on a folder that holds them continues from there (Adam's moments start afresh, which
 * the warm-up absorbs). A preview sheet of held-out captions is written at each checkpoint, so
 * a person can see what the model draws while it trains.
 */
public final class DiffusionTraining {

  public static final String RAW = "diffusion-raw.params";
  /** The EMA in float32, to resume from; {@link SketchbookDiffusion#WEIGHTS} is its half-float copy that ships. */
  public static final String EMA = "diffusion-ema.params";
  public static final String STATE = "diffusion-state.json";
  public static final String LOSS = "diffusion-loss.csv";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Settings of one run; {@link #defaults} is what the shipped weights used. */
  /** Settings of one run; {@code finalLearningRate} below {@code learningRate} decays the rate (see {@link #learningRate}). */
  public record Settings(int steps, long seed, int batch, float learningRate, int warmup, float emaDecay,
      double conditionDropout, int checkpointEvery, boolean crossAttention, float finalLearningRate) {
    /** A run at a fixed rate after its warm-up. */
    public Settings(int steps, long seed, int batch, float learningRate, int warmup, float emaDecay,
        double conditionDropout, int checkpointEvery, boolean crossAttention) {
      this(steps, seed, batch, learningRate, warmup, emaDecay, conditionDropout, checkpointEvery, crossAttention,
          learningRate);
    }

    public static Settings defaults(int steps, long seed) {
      return new Settings(steps, seed, 32, 5e-4f, 300, 0.999f, 0.1, 250, false);
    }
  }

  public record Result(int steps, int firstStep, double loss, double seconds) {}

  private record Batch(float[] images, List<String> captions, float[] keep, float[] noise, float[] times) {}

  private DiffusionTraining() {}

  public static Result train(Settings settings, ModelSource checkerSource, Path outDir, PrintStream console)
      throws IOException {
    return train(settings, checkerSource, null, outDir, console);
  }

  /**
   * As above; a fresh run (no checkpoint in {@code outDir}) with {@code init} starts from the
   * half-float weights in that folder (e.g. the shipped ones), for raw and averaged weights
   * alike, so each session's training continues the last one's.
   */
  public static Result train(Settings settings, ModelSource checkerSource, Path init, Path outDir, PrintStream console)
      throws IOException {
    return train(settings, checkerSource, null, init, outDir, console);
  }

  /**
   * As above; with {@code autoencoder} (a source holding {@link SketchbookAutoencoder#WEIGHTS})
   * the network denoises that autoencoder's latents of the renders instead of their pixels, and a
   * pixel network's weights in {@code init} lend the latent one the layers they share.
   */
  public static Result train(Settings settings, ModelSource checkerSource, @Nullable ModelSource autoencoderSource,
      @Nullable Path init, Path outDir, PrintStream console) throws IOException {
    CpuKernels.guard();
    Engine.getInstance().setRandomSeed((int) settings.seed());
    Files.createDirectories(outDir);
    int b = settings.batch();
    int first = resumeStep(outDir);
    ExecutorService render = Executors.newSingleThreadExecutor(DaemonThreads.named("diffusion-batches"));
    try (SketchbookChecker checker = SketchbookChecker.load(checkerSource, Device.cpu());
        SketchbookAutoencoder autoencoder = autoencoderSource == null ? null
            : SketchbookAutoencoder.load(autoencoderSource, Device.cpu());
        Model model = Model.newInstance("diffusion", Device.cpu());
        Model emaModel = Model.newInstance("diffusion-ema", Device.cpu());
        var progress = new TrainingProgress(outDir.resolve(LOSS), settings.steps(), console, first > 0)) {
      // A latent UNet is as wide as the autoencoder it denoises for.
      int latent = autoencoder == null ? 0 : autoencoder.channels();
      int latentValues = latent * AutoencoderNetwork.CELLS * AutoencoderNetwork.CELLS;
      var network = new DiffusionNetwork(CheckerNetwork.CONDITION_WIDTH, CheckerNetwork.TEXT_WIDTH, settings.crossAttention(), latent);
      var average = new DiffusionNetwork(CheckerNetwork.CONDITION_WIDTH, CheckerNetwork.TEXT_WIDTH, settings.crossAttention(), latent);
      model.setBlock(network);
      emaModel.setBlock(average);
      Shape[] shapes = {network.inputShape(b), DiffusionNetwork.timeShape(b), network.textShape(b)};
      average.initialize(emaModel.getNDManager(), DataType.FLOAT32, shapes);
      if (first > 0) {
        network.initialize(model.getNDManager(), DataType.FLOAT32, shapes);
        load(network, model.getNDManager(), outDir.resolve(RAW));
        // Runs before half-float shipping kept their float32 EMA under the shipped name.
        Path ema = Files.exists(outDir.resolve(EMA)) ? outDir.resolve(EMA) : outDir.resolve(SketchbookDiffusion.WEIGHTS);
        load(average, emaModel.getNDManager(), ema);
        console.println("continuing from step " + first);
      }
      var config = adamConfig(settings.learningRate(), settings.finalLearningRate(), settings.warmup(),
          settings.steps(), first);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(shapes);
        if (first == 0 && init != null) {
          byte[] initial = Files.readAllBytes(init.resolve(SketchbookDiffusion.WEIGHTS));
          List<String> fresh = network.latent() && !DiffusionNetwork.latent(HalfWeights.names(initial))
              ? HalfWeights.readMatching(network, initial, model.getNDManager())
              : HalfWeights.readPartial(network, initial, model.getNDManager());
          console.println("starting from the weights in " + init
              + (fresh.isEmpty() ? "" : " (" + fresh.size() + " new parameters start as initialised)"));
        }
        if (first == 0) {
          copy(network, average, emaModel.getNDManager());
        }
        average.freezeParameters(true);
        List<NDArray> weights = new ArrayList<>();
        List<NDArray> averages = new ArrayList<>();
        for (var p : network.getParameters().values()) {
          weights.add(p.getArray());
        }
        for (var p : average.getParameters().values()) {
          averages.add(p.getArray());
        }
        CompletableFuture<Batch> next = prefetch(render, settings, first, latentValues);
        double loss = 0;
        int skipped = 0;
        int skippedInARow = 0;
        for (int step = first + 1; step <= settings.steps(); step++) {
          Batch batch = next.join();
          next = prefetch(render, settings, step, latentValues);
          try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray condition = checker.conditioning(scope, batch.captions())
                .mul(scope.create(batch.keep(), new Shape(b, 1))).stopGradient();
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDArray x0 = scope.create(batch.images(), DiffusionNetwork.imageShape(b));
              if (autoencoder != null) {
                x0 = autoencoder.encode(x0).stopGradient();
              }
              NDArray total = vLoss(trainer, scope, x0, batch.noise(), batch.times(), condition);
              loss = total.getFloat();
              if (Double.isFinite(loss)) {
                collector.backward(total);
              }
            }
            if (!Double.isFinite(loss) || !finiteGradients(network)) {
              // See finiteGradients: a step with a NaN is dropped, weights and Adam's moments untouched.
              skipped++;
              if (++skippedInARow > MAX_SKIPPED_IN_A_ROW) {
                console.println("stopping at step " + step + ": " + skippedInARow
                    + " steps in a row gave NaN (the last checkpoint stands)");
                break;
              }
              continue;
            }
            skippedInARow = 0;
            trainer.step();
            updateAverage(weights, averages, Math.min(settings.emaDecay(), (1f + step) / (10f + step)));
          }
          progress.record(step, loss, 0, b);
          if (step % settings.checkpointEvery() == 0 || step == settings.steps()) {
            checkpoint(network, average, outDir, step);
            progress.flush();
            if (skipped > 0) {
              console.println(skipped + " steps dropped so far for a NaN gradient");
            }
            console.println("caption gain at step " + step + ": " + captionGain(average, emaModel, checker, autoencoder));
            preview(average, emaModel, checker, autoencoder, outDir, step, console);
          }
        }
        return new Result(settings.steps(), first, loss, progress.seconds());
      }
    } finally {
      render.shutdownNow();
    }
  }

  static final int MAX_SKIPPED_IN_A_ROW = 20;

  /** One step of the exponential moving average: {@code average = decay average + (1 - decay) weight}. */
  static void updateAverage(List<NDArray> weights, List<NDArray> averages, float decay) {
    for (int i = 0; i < weights.size(); i++) {
      // Temporaries live in the weights' own manager: closed here, or they pile up each step.
      try (NDArray w = weights.get(i).stopGradient(); NDArray share = w.mul(1f - decay)) {
        averages.get(i).muli(decay).addi(share);
      }
    }
  }

  /**
   * Adam (beta2 0.99) on the CPU, its rate from {@link #learningRate}: a run of {@code steps} steps
   * that starts (or resumes) after step {@code first}.
   */
  static DefaultTrainingConfig adamConfig(float rate, float last, int warmup, int steps, int first) {
    Optimizer adam = Optimizer.adam()
        .optLearningRateTracker(learningRate(rate, last, warmup, steps, first))
        .optBeta2(0.99f)
        .build();
    return new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam).optDevices(new Device[] {Device.cpu()});
  }

  /**
   * The learning rate by update: a linear warm-up from a fiftieth of {@code rate} over the
   * {@code warmup} updates after each start (a resumed run's Adam moments start afresh too), then
   * {@code rate} held; or, where {@code last} is below {@code rate}, half a cosine from {@code rate}
   * at step {@code warmup} down to {@code last} at step {@code steps}, counted over the whole run, so
   * that a resumed run goes on down the same curve. Why a decay: the prior's fixed rate left its
   * weights noisy, and lower rates at a run's end paid where more steps at the full rate had not.
   */
  static Tracker learningRate(float rate, float last, int warmup, int steps, int first) {
    if (!(last > 0 && last <= rate)) {
      throw new IllegalArgumentException("the final learning rate " + last + " must be above 0 and at most the"
          + " learning rate " + rate);
    }
    Tracker warmUp = Tracker.warmUp().optWarmUpBeginValue(rate / 50).optWarmUpSteps(warmup)
        .setMainTracker(Tracker.fixed(rate)).build();
    if (last == rate) {
      return warmUp;
    }
    return update -> {
      double through = Math.min(1, Math.max(0, (first + update - warmup) / (double) Math.max(1, steps - warmup)));
      float decayed = (float) (last + (rate - last) * (1 + Math.cos(Math.PI * through)) / 2);
      // The warm-up's own ramp, scaled to where the curve stands.
      return update < warmup ? warmUp.getNewValue(update) * decayed / rate : decayed;
    };
  }

  /**
   * Whether every gradient of the last backward pass is finite; when not, all are set to zero.
   *
   * <p>Why this is checked: on AMD Zen CPUs with AVX-512 (this project's 2-core machines among
   * them) PyTorch's CPU convolution backward now and then returns NaN for a healthy network
   * (a lone 32-to-8-channel 3x3 convolution at 64x64: about one backward in 15 on two threads,
   * one in 60 on one; a diffusion training step: most often by its second step on two threads,
   * about one in 60 on one). Capping oneDNN at SSE4.1 avoids it at 3.5 times the time; a step
   * with a NaN is instead dropped, and one NaN can no longer end a run or poison the weights.
   */
  static boolean finiteGradients(ai.djl.nn.Block network) {
    boolean finite = true;
    for (var p : network.getParameters().values()) {
      if (!p.requiresGradient()) {
        continue; // frozen: no gradient
      }
      // A NaN or an infinity anywhere makes the sum non-finite.
      try (NDArray sum = p.getArray().getGradient().sum()) {
        finite &= Float.isFinite(sum.getFloat());
      }
    }
    if (!finite) {
      // DJL clears gradients by subtracting them from themselves, which keeps a NaN for ever:
      // without a real zero one NaN would end the run.
      for (var p : network.getParameters().values()) {
        if (p.requiresGradient()) {
          JniUtils.zeroGrad((PtNDArray) p.getArray());
        }
      }
    }
    return finite;
  }

  /**
   * The mean squared v error of one batch: clean images (in [-1, 1]) noised to their times with
   * the given static, against the velocity {@code alpha eps - sigma x0}. Recorded for the
   * trainer's gradient collector when one is open.
   */
  static NDArray vLoss(Trainer trainer, NDManager scope, float[] images, float[] noise, float[] times,
      NDArray condition) {
    return vLoss(trainer, scope, scope.create(images, DiffusionNetwork.imageShape(times.length)), noise, times,
        condition);
  }

  /** As above for clean inputs already in the scope (images, or the autoencoder's latents). */
  static NDArray vLoss(Trainer trainer, NDManager scope, NDArray x0, float[] noise, float[] times,
      NDArray condition) {
    int b = times.length;
    Noised n = Noised.of(scope, x0, noise, times);
    NDArray time = scope.create(DiffusionNetwork.timeFeatures(times), DiffusionNetwork.timeShape(b));
    NDArray v = trainer.forward(new NDList(n.xt(), time, condition)).singletonOrThrow();
    return v.sub(n.target()).square().mean();
  }

  /** Clean images noised to their times: x_t, the v target, and alpha and sigma as (b, 1, 1, 1). */
  record Noised(NDArray xt, NDArray target, NDArray alpha, NDArray sigma) {
    static Noised of(NDManager scope, float[] images, float[] noise, float[] times) {
      return of(scope, scope.create(images, DiffusionNetwork.imageShape(times.length)), noise, times);
    }

    static Noised of(NDManager scope, NDArray x0, float[] noise, float[] times) {
      int b = times.length;
      NDArray eps = scope.create(noise, x0.getShape());
      float[] a = new float[b];
      float[] s = new float[b];
      for (int i = 0; i < b; i++) {
        a[i] = (float) DiffusionSampler.alpha(times[i]);
        s[i] = (float) DiffusionSampler.sigma(times[i]);
      }
      NDArray alpha = scope.create(a, new Shape(b, 1, 1, 1));
      NDArray sigma = scope.create(s, new Shape(b, 1, 1, 1));
      return new Noised(x0.mul(alpha).add(eps.mul(sigma)), eps.mul(alpha).sub(x0.mul(sigma)), alpha, sigma);
    }
  }

  static void checkpoint(ai.djl.nn.Block network, ai.djl.nn.Block average, Path dir, int step)
      throws IOException {
    CheckerTraining.save(network, dir.resolve(RAW));
    CheckerTraining.save(average, dir.resolve(EMA));
    HalfWeights.write(average, dir.resolve(SketchbookDiffusion.WEIGHTS));
    writeStep(dir.resolve(STATE), step);
  }

  /** Records the step a checkpoint reached, last and atomically: a run killed mid-checkpoint resumes from the one before. */
  static void writeStep(Path state, int step) throws IOException {
    Path partial = state.resolveSibling(state.getFileName() + ".partial");
    JSON.writeValue(partial.toFile(), Map.of("step", step));
    Files.move(partial, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static int resumeStep(Path dir) throws IOException {
    return resumeStep(dir, STATE, RAW);
  }

  /** The step a run's checkpoint in {@code dir} reached (0 when there is none). */
  static int resumeStep(Path dir, String stateFile, String rawFile) throws IOException {
    Path state = dir.resolve(stateFile);
    if (!Files.exists(state) || !Files.exists(dir.resolve(rawFile))) {
      return 0;
    }
    return JSON.readTree(state.toFile()).get("step").asInt();
  }

  static void load(ai.djl.nn.Block network, NDManager manager, Path file) throws IOException {
    try (var in = new DataInputStream(Files.newInputStream(file))) {
      network.loadParameters(manager, in);
    } catch (MalformedModelException e) {
      throw new ModelLoadException("cannot load " + file + ": " + e.getMessage(), e);
    }
  }

  static void copy(ai.djl.nn.Block from, ai.djl.nn.Block to, NDManager manager) throws IOException {
    var bytes = new ByteArrayOutputStream();
    from.saveParameters(new DataOutputStream(bytes));
    try {
      to.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    } catch (MalformedModelException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Noise levels at which {@link #captionGain} compares predictions with and without the caption. */
  static final double[] GAIN_TIMES = {0.5, 0.8, 0.9, 0.95, 1.0};

  /**
   * How much the caption improves the one-shot clean-image prediction of 32 held-out renders,
   * per noise level: x0 mean squared error without the caption over that with it (1 means the
   * text does not reach the image). At t = 1 the image says nothing, so the ratio there is all
   * the text's doing: what a prompt can change in a picture.
   */
  static String captionGain(DiffusionNetwork network, Model model, SketchbookChecker checker) {
    return captionGain(network, model, checker, null);
  }

  /** As above; over latents the errors are the latents' ({@code autoencoder} encodes the renders). */
  static String captionGain(Denoiser network, Model model, SketchbookChecker checker,
      @Nullable SketchbookAutoencoder autoencoder) {
    return captionGain(network, model, checker, autoencoder, null);
  }

  /** As above; over scene codes the errors are the codes' ({@code code} folds the latents). */
  static String captionGain(Denoiser network, Model model, SketchbookChecker checker,
      @Nullable SketchbookAutoencoder autoencoder, @Nullable SketchbookCode code) {
    int n = 32;
    var captions = new ArrayList<String>();
    float[] images = new float[n * SketchbookDiffusion.PIXELS];
    for (int i = 0; i < n; i++) {
      Scene scene = Sketchbook.scene(Split.HELD_OUT.seed(5_000 + i));
      captions.add(CaptionGrammar.describe(scene, new SplittableRandom(i)).text());
      copyRender(scene, images, i);
    }
    var out = new StringBuilder();
    try (NDManager scope = model.getNDManager().newSubManager()) {
      NDArray x0 = scope.create(images, DiffusionNetwork.imageShape(n));
      if (autoencoder != null) {
        x0 = autoencoder.encode(x0);
      }
      if (code != null) {
        x0 = code.encode(x0).reshape(network.inputShape(n));
      }
      float[] noise = gaussian(new SplittableRandom(77), (int) x0.size());
      NDArray condition = checker.conditioning(scope, captions);
      NDArray none = scope.zeros(condition.getShape());
      var store = new ParameterStore(scope, false);
      for (double t : GAIN_TIMES) {
        float[] times = new float[n];
        Arrays.fill(times, (float) t);
        Noised noised = Noised.of(scope, x0, noise, times);
        NDArray time = scope.create(DiffusionNetwork.timeFeatures(times), DiffusionNetwork.timeShape(n));
        double[] error = new double[2];
        NDArray[] conditions = {condition, none};
        for (int k = 0; k < 2; k++) {
          NDArray v = network.forward(store, new NDList(noised.xt(), time, conditions[k]), false).singletonOrThrow();
          NDArray predicted = noised.xt().mul(noised.alpha()).sub(v.mul(noised.sigma()));
          error[k] = predicted.sub(x0).square().mean().getFloat();
        }
        out.append(String.format(Locale.ROOT, "%st=%.2f %.4f/%.4f=%.2f", out.length() == 0 ? "" : ", ",
            t, error[1], error[0], error[1] / error[0]));
      }
    }
    return out.toString();
  }

  /** Eight held-out captions, each sampled (DDIM, 25 steps, guidance 3) above its render. */
  private static void preview(DiffusionNetwork average, Model emaModel, SketchbookChecker checker,
      @Nullable SketchbookAutoencoder autoencoder, Path dir, int step, PrintStream console) throws IOException {
    preview(new SketchbookDiffusion(emaModel, average, checker, autoencoder), dir, step, console);
  }

  /** As above, for any model the sampler runs. */
  static void preview(SketchbookDiffusion sampler, Path dir, int step, PrintStream console) throws IOException {
    int n = 8;
    var prompts = new ArrayList<SketchbookDiffusion.Prompt>();
    var renders = new ArrayList<BufferedImage>();
    float[][] noise = new float[n][];
    for (int i = 0; i < n; i++) {
      Scene scene = Sketchbook.scene(Split.HELD_OUT.seed(i));
      prompts.add(SketchbookDiffusion.Prompt.of(CaptionGrammar.describe(scene, new SplittableRandom(i)).text()));
      renders.add(Sketchbook.render(scene));
    }
    for (int i = 0; i < n; i++) {
      noise[i] = gaussian(new SplittableRandom(1000 + i), sampler.stateSize());
    }
    List<BufferedImage> drawn = sampler.generate(prompts, noise, 25, 3.0, DiffusionSampler.DDIM);
    int size = Sketchbook.IMAGE_SIZE;
    var sheet = new BufferedImage(n * (size + 2), 2 * (size + 2), BufferedImage.TYPE_INT_RGB);
    var g = sheet.createGraphics();
    for (int i = 0; i < n; i++) {
      g.drawImage(drawn.get(i), i * (size + 2), 0, null);
      g.drawImage(renders.get(i), i * (size + 2), size + 2, null);
    }
    g.dispose();
    ImageIO.write(sheet, "png", dir.resolve("diffusion-preview.png").toFile());
    console.println("preview at step " + step + ": " + String.join(" | ",
        prompts.stream().map(p -> p.parts().get(0).texts().get(0)).toList()));
  }

  /** {@code latentValues}: values of one latent the static is for, or 0 where the state is the image. */
  private static CompletableFuture<Batch> prefetch(ExecutorService render, Settings s, long step, int latentValues) {
    return CompletableFuture.supplyAsync(() -> batch(s, step, latentValues), render);
  }

  /** Scenes come from a stretch of the train split away from the checker's and the generator prior's. */
  private static Batch batch(Settings s, long step, int latentValues) {
    int b = s.batch();
    long span = Split.TRAIN.endSeed() - Split.TRAIN.firstSeed();
    var random = new SplittableRandom(s.seed() * 9_000_011L + step);
    float[] images = new float[b * SketchbookDiffusion.PIXELS];
    List<String> captions = new ArrayList<>();
    float[] keep = new float[b];
    float[] times = new float[b];
    double offset = random.nextDouble();
    for (int i = 0; i < b; i++) {
      long index = Math.floorMod(span / 4 + s.seed() * 7_919L * 1_000_000L + step * b + i, span);
      Scene scene = Sketchbook.scene(Split.TRAIN.seed(index));
      Caption caption = CaptionGrammar.describe(scene, random);
      captions.add(caption.text());
      keep[i] = random.nextDouble() < s.conditionDropout() ? 0f : 1f;
      copyRender(scene, images, i);
      // Stratified times: every batch covers the whole range of noise levels.
      times[i] = (float) (0.001 + 0.999 * ((offset + (double) i / b) % 1.0));
    }
    int values = latentValues > 0 ? b * latentValues : images.length;
    return new Batch(images, captions, keep, gaussian(random, values), times);
  }

  /** The scene's render as PIXELS values in [-1, 1], written at image {@code index} of {@code into}. */
  static void copyRender(Scene scene, float[] into, int index) {
    float[] pixels = Sketchbook.pixels(Sketchbook.render(scene));
    for (int j = 0; j < pixels.length; j++) {
      into[index * pixels.length + j] = pixels[j] * 2f - 1f;
    }
  }

  static float[] gaussian(SplittableRandom random, int n) {
    float[] out = new float[n];
    for (int i = 0; i + 1 < n; i += 2) {
      double r = Math.sqrt(-2 * Math.log(1.0 - random.nextDouble()));
      double angle = 2 * Math.PI * random.nextDouble();
      out[i] = (float) (r * Math.cos(angle));
      out[i + 1] = (float) (r * Math.sin(angle));
    }
    if (n % 2 == 1) {
      out[n - 1] = (float) (Math.sqrt(-2 * Math.log(1.0 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble()));
    }
    return out;
  }
}
