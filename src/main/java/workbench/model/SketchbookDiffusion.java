package workbench.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import workbench.sketchbook.Sketchbook;

/**
 * The default generator: the Sketchbook diffusion model ({@link DiffusionNetwork}) with the
 * checker's text encoder as its conditioning, sampled with classifier-free guidance.
 *
 * <p>Multi-prompts are composable diffusion (Liu et al. 2022): one prediction per term and one
 * for the unconditional branch, combined as {@code v = v0 + g * sum_i w_i (v_i - v0)} with the
 * weights made relative to the sum of the positive ones, so {@code apple:: tart::2} leans twice
 * as hard toward "tart" and a negative weight pushes away from its term. A negative prompt (as
 * A1111's) replaces the unconditional branch: the image is pulled away from it. Terms of weight
 * 0 are not run at all, so they change nothing.
 *
 * <p>Loaded once; each call works in its own NDManager scope. Owns its DJL model, not the checker.
 */
public final class SketchbookDiffusion implements AutoCloseable {

  public static final String WEIGHTS = "diffusion.params";
  public static final int PIXELS = 3 * Sketchbook.IMAGE_SIZE * Sketchbook.IMAGE_SIZE;
  /** Classifier-free guidance scale when a recipe does not say (A1111's "CFG scale"). */
  public static final double DEFAULT_GUIDANCE = 3.0;

  private final Model model;
  private final DiffusionNetwork network;
  private final SketchbookChecker checker;

  SketchbookDiffusion(Model model, DiffusionNetwork network, SketchbookChecker checker) {
    this.model = model;
    this.network = network;
    this.checker = checker;
  }

  /** Loads the half-float weights ({@link HalfWeights}) into a float32 network; the checker is lent, not owned. */
  public static SketchbookDiffusion load(ModelSource source, Device device, SketchbookChecker checker) {
    byte[] bytes = source.readVerified(source.card(), WEIGHTS);
    CpuKernels.guard();
    Model model = Model.newInstance(WEIGHTS, device);
    try {
      // The weights say which network they are (with or without cross-attention).
      var network = new DiffusionNetwork(CheckerNetwork.CONDITION_WIDTH, CheckerNetwork.TEXT_WIDTH,
          DiffusionNetwork.crossAttention(HalfWeights.names(bytes)));
      model.setBlock(network);
      network.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
          DiffusionNetwork.imageShape(1), DiffusionNetwork.timeShape(1), network.textShape(1));
      network.freezeParameters(true);
      HalfWeights.read(network, bytes, model.getNDManager());
      return new SketchbookDiffusion(model, network, checker);
    } catch (Exception e) {
      model.close();
      throw new ModelLoadException("cannot load model file " + source.describe(WEIGHTS) + ": " + e.getMessage(), e);
    }
  }

  /** A weighted prompt: terms with weights, and a negative prompt ("" for none). */
  public record Prompt(List<String> texts, double[] weights, String negative) {
    public Prompt {
      texts = List.copyOf(texts);
      weights = weights.clone();
      if (texts.size() != weights.length) {
        throw new IllegalArgumentException("one weight per term");
      }
    }

    public static Prompt of(String text) {
      return new Prompt(List.of(text), new double[] {1}, "");
    }
  }

  /** FLOPs of the denoiser for one image (one row: a guided step runs one per term plus one). */
  public long flopsPerImage() {
    return network.flopsPerImage(model.getNDManager());
  }

  public int imageSize() {
    return Sketchbook.IMAGE_SIZE;
  }

  public Device device() {
    return model.getNDManager().getDevice();
  }

  /**
   * The guided velocity for each item: {@code x[i]} is item i's current image (PIXELS values, in
   * about [-1, 1]), all at time t.
   */
  public float[][] velocity(float[][] x, double t, List<Prompt> prompts, double guidance) {
    try (NDManager scope = model.getNDManager().newSubManager()) {
      var rows = new ArrayList<String>();
      var rowOfItem = new int[x.length];
      var negatives = new boolean[x.length];
      for (int i = 0; i < x.length; i++) {
        Prompt p = prompts.get(i);
        rowOfItem[i] = rows.size();
        negatives[i] = !p.negative().isBlank();
        rows.add(p.negative());
        for (int k = 0; k < p.texts().size(); k++) {
          if (p.weights()[k] != 0) {
            rows.add(p.texts().get(k));
          }
        }
      }
      int n = rows.size();
      NDArray conditions = conditioning(scope, rows);
      // The unconditional branch is an all-zero condition, as trained (unless a negative prompt replaces it).
      var keep = new float[n];
      java.util.Arrays.fill(keep, 1f);
      for (int i = 0; i < x.length; i++) {
        if (!negatives[i]) {
          keep[rowOfItem[i]] = 0f;
        }
      }
      conditions = conditions.mul(scope.create(keep, new Shape(n, 1)));
      var images = new float[n * PIXELS];
      var times = new float[n];
      java.util.Arrays.fill(times, (float) t);
      for (int i = 0; i < x.length; i++) {
        int rowsOfItem = (i + 1 < x.length ? rowOfItem[i + 1] : n) - rowOfItem[i];
        for (int r = 0; r < rowsOfItem; r++) {
          System.arraycopy(x[i], 0, images, (rowOfItem[i] + r) * PIXELS, PIXELS);
        }
      }
      float[] flat = denoise(scope, images, times, conditions);
      var out = new float[x.length][PIXELS];
      for (int i = 0; i < x.length; i++) {
        Prompt p = prompts.get(i);
        double positive = 0;
        for (double w : p.weights()) {
          positive += Math.max(0, w);
        }
        int base = rowOfItem[i] * PIXELS;
        float[] o = out[i];
        System.arraycopy(flat, base, o, 0, PIXELS);
        int row = rowOfItem[i];
        for (int k = 0; k < p.texts().size(); k++) {
          if (p.weights()[k] == 0) {
            continue;
          }
          row++;
          float scale = (float) (guidance * p.weights()[k] / positive);
          int at = row * PIXELS;
          for (int j = 0; j < PIXELS; j++) {
            o[j] += scale * (flat[at + j] - flat[base + j]);
          }
        }
      }
      return out;
    }
  }

  /**
   * Rows per forward pass, of the text encoder and of the denoiser alike. PyTorch's CPU kernels
   * round differently for different batch sizes (measured: batches of 1, of 2 or 3, and of 4 to 8
   * each give other bits for the same row), but never by a row's place in a batch of one size.
   * Every pass therefore takes exactly this many rows, the last padded, so an image's bytes do
   * not depend on the other images of its batch: a grid cell equals the same recipe run alone.
   * Two is what a single one-term image needs anyway (its term and the unconditional branch).
   */
  static final int ROWS_PER_PASS = 2;

  /** {@link SketchbookChecker#conditioning} in passes of {@link #ROWS_PER_PASS} texts. */
  private NDArray conditioning(NDManager scope, List<String> texts) {
    var parts = new NDList();
    for (int from = 0; from < texts.size(); from += ROWS_PER_PASS) {
      var pass = new ArrayList<>(texts.subList(from, Math.min(texts.size(), from + ROWS_PER_PASS)));
      int real = pass.size();
      while (pass.size() < ROWS_PER_PASS) {
        pass.add("");
      }
      NDArray c = checker.conditioning(scope, pass);
      parts.add(real < ROWS_PER_PASS ? c.get("0:" + real) : c);
    }
    return NDArrays.concat(parts, 0);
  }

  /** The network's v for every row, in passes of {@link #ROWS_PER_PASS} rows. */
  private float[] denoise(NDManager scope, float[] images, float[] times, NDArray conditions) {
    int n = times.length;
    var out = new float[n * PIXELS];
    var store = new ParameterStore(scope, false);
    for (int from = 0; from < n; from += ROWS_PER_PASS) {
      int real = Math.min(ROWS_PER_PASS, n - from);
      var passImages = new float[ROWS_PER_PASS * PIXELS];
      System.arraycopy(images, from * PIXELS, passImages, 0, real * PIXELS);
      var passTimes = new float[ROWS_PER_PASS];
      System.arraycopy(times, from, passTimes, 0, real);
      NDArray passConditions = conditions.get(from + ":" + (from + real));
      if (real < ROWS_PER_PASS) {
        passConditions = passConditions.concat(
            scope.zeros(new Shape(ROWS_PER_PASS - real, conditions.getShape().get(1))), 0);
      }
      float[] v = network.forward(store, new NDList(
          scope.create(passImages, DiffusionNetwork.imageShape(ROWS_PER_PASS)),
          scope.create(DiffusionNetwork.timeFeatures(passTimes), DiffusionNetwork.timeShape(ROWS_PER_PASS)),
          passConditions), false).singletonOrThrow().toFloatArray();
      System.arraycopy(v, 0, out, from * PIXELS, real * PIXELS);
    }
    return out;
  }

  /** Whole runs of {@code steps} sampler steps from the given static: for evaluation and samples. */
  public List<BufferedImage> generate(List<Prompt> prompts, float[][] noise, int steps, double guidance, String sampler) {
    int n = prompts.size();
    float[][] x = new float[n][];
    float[][] memory = new float[n][PIXELS];
    for (int i = 0; i < n; i++) {
      x[i] = noise[i].clone();
    }
    for (int step = 0; step < steps; step++) {
      float[][] v = velocity(x, DiffusionSampler.time(step, steps), prompts, guidance);
      for (int i = 0; i < n; i++) {
        DiffusionSampler.step(sampler, x[i], v[i], memory[i], step, steps);
      }
    }
    var out = new ArrayList<BufferedImage>();
    for (float[] xi : x) {
      out.add(image(xi));
    }
    return out;
  }

  /** PIXELS values in [-1, 1] (channel-major) to a 64x64 RGB image. */
  public static BufferedImage image(float[] x) {
    int size = Sketchbook.IMAGE_SIZE;
    int plane = size * size;
    var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    int[] rgb = new int[plane];
    for (int i = 0; i < plane; i++) {
      rgb[i] = (byte255(x[i]) << 16) | (byte255(x[plane + i]) << 8) | byte255(x[2 * plane + i]);
    }
    image.setRGB(0, 0, size, size, rgb, 0, size);
    return image;
  }

  private static int byte255(float v) {
    float u = (v + 1f) * 0.5f;
    return Math.round(Math.max(0f, Math.min(1f, u)) * 255f);
  }

  @Override
  public void close() {
    model.close();
  }
}
