package workbench.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Vocabulary;

/**
 * The default generator: a Sketchbook diffusion model with the checker's text encoder as its
 * conditioning, sampled with classifier-free guidance. The weights say which: the shipped one
 * denoises 256-number scene codes ({@link PriorNetwork}) that {@link SketchbookCode} and
 * {@link SketchbookAutoencoder} draw; a UNet ({@link DiffusionNetwork}) denoises pixels or the
 * autoencoder's latents.
 *
 * <p>Multi-prompts are composable diffusion (Liu et al. 2022): one prediction per part (a
 * Midjourney term, an A1111 {@code AND} part) and one for the unconditional branch, combined as
 * {@code v = v0 + g * sum_i w_i (v_i - v0)} with the weights made relative to the sum of the
 * positive ones, so {@code apple:: tart::2} leans twice as hard toward "tart" and a negative
 * weight pushes away from its part. Inside a part, A1111 and Compel emphasis scales the tokens'
 * states ({@link Part}). A negative prompt (as A1111's) replaces the unconditional branch: the
 * image is pulled away from it. Parts of weight 0 are not run at all, so they change nothing.
 *
 * <p>Loaded once; each call works in its own NDManager scope. Owns its DJL model, not the checker.
 */
public final class SketchbookDiffusion implements AutoCloseable {

  public static final String WEIGHTS = "diffusion.params";
  public static final int PIXELS = 3 * Sketchbook.IMAGE_SIZE * Sketchbook.IMAGE_SIZE;
  /** Classifier-free guidance scale when a recipe does not say (A1111's "CFG scale"). */
  public static final double DEFAULT_GUIDANCE = 3.0;
  /**
   * Detail guidance over guidance when a recipe does not say, for a model with {@link CodeDirections}:
   * 5 off the code's main directions where the guidance is 3 along them (try bb).
   */
  public static final double DETAIL_GUIDANCE_RATIO = 5.0 / 3.0;

  private final Model model;
  private final Denoiser network;
  private final SketchbookChecker checker;
  /** Draws the latents of a latent network (owned); null when the network denoises pixels. */
  private final @Nullable SketchbookAutoencoder autoencoder;
  /** Unfolds the scene codes of a prior network into latents (owned); null for other networks. */
  private final @Nullable SketchbookCode code;
  /** The code's main directions, along which guidance and detail guidance part; null: one guidance for all. */
  private final @Nullable CodeDirections directions;

  SketchbookDiffusion(Model model, Denoiser network, SketchbookChecker checker) {
    this(model, network, checker, null, null, null);
  }

  SketchbookDiffusion(Model model, Denoiser network, SketchbookChecker checker,
      @Nullable SketchbookAutoencoder autoencoder) {
    this(model, network, checker, autoencoder, null, null);
  }

  SketchbookDiffusion(Model model, Denoiser network, SketchbookChecker checker,
      @Nullable SketchbookAutoencoder autoencoder, @Nullable SketchbookCode code, @Nullable CodeDirections directions) {
    this.model = model;
    this.network = network;
    this.checker = checker;
    this.autoencoder = autoencoder;
    this.code = code;
    this.directions = directions;
  }

  /** Loads the half-float weights ({@link HalfWeights}) into a float32 network; the checker is lent, not owned. */
  public static SketchbookDiffusion load(ModelSource source, Device device, SketchbookChecker checker) {
    byte[] bytes = source.readVerified(source.card(), WEIGHTS);
    CpuKernels.guard();
    Model model = Model.newInstance(WEIGHTS, device);
    SketchbookAutoencoder autoencoder = null;
    SketchbookCode code = null;
    try {
      // The weights say which network they are (pixels, latents or scene codes; with or without cross-attention).
      var names = HalfWeights.names(bytes);
      boolean prior = PriorNetwork.prior(names);
      boolean latent = prior || DiffusionNetwork.latent(names);
      if (latent) {
        autoencoder = SketchbookAutoencoder.load(source, device);
      }
      Denoiser network = prior
          ? new PriorNetwork(CheckerNetwork.CONDITION_WIDTH, CheckerNetwork.TEXT_WIDTH, PriorNetwork.crossAttention(names))
          : new DiffusionNetwork(CheckerNetwork.CONDITION_WIDTH, CheckerNetwork.TEXT_WIDTH,
              DiffusionNetwork.crossAttention(names), latent ? autoencoder.channels() : 0);
      model.setBlock(network);
      network.initialize(model.getNDManager(), DataType.FLOAT32,
          network.inputShape(1), DiffusionNetwork.timeShape(1), network.textShape(1));
      network.freezeParameters(true);
      HalfWeights.read(network, bytes, model.getNDManager());
      CodeDirections directions = null;
      if (prior) {
        code = SketchbookCode.load(source, device);
        if (code.channels() != autoencoder.channels()) {
          throw new IOException(SketchbookCode.WEIGHTS + " folds a latent of " + code.channels() + " numbers a cell, "
              + SketchbookAutoencoder.WEIGHTS + " draws one of " + autoencoder.channels());
        }
        // A folder that lists the code's directions has them checked like any weights; one without has one guidance.
        if (source.card().sha256().containsKey(CodeDirections.FILE)) {
          directions = CodeDirections.read(source.readVerified(source.card(), CodeDirections.FILE), CodeNetwork.CODE);
        }
      }
      return new SketchbookDiffusion(model, network, checker, autoencoder, code, directions);
    } catch (Exception e) {
      model.close();
      if (autoencoder != null) {
        autoencoder.close();
      }
      if (code != null) {
        code.close();
      }
      throw new ModelLoadException("cannot load model file " + source.describe(WEIGHTS) + ": " + e.getMessage(), e);
    }
  }

  /**
   * One prompt the model reads as a whole, as A1111 reads an {@code AND} part: its pieces (the
   * part's terms) in order, encoded as one text; each piece's tokens scaled by its
   * {@code emphasis}, then every value rescaled so the mean is what it was unscaled (A1111's
   * emphasis rule); pieces after a {@code BREAK} ({@code chunks}) encoded on their own and placed
   * after the earlier chunks' tokens. {@code weight} is the part's weight among the prompt's
   * parts (composable diffusion).
   */
  public record Part(List<String> texts, double[] emphasis, int[] chunks, double weight) {
    public Part {
      texts = List.copyOf(texts);
      emphasis = emphasis.clone();
      chunks = chunks.clone();
      if (texts.isEmpty() || texts.size() != emphasis.length || texts.size() != chunks.length) {
        throw new IllegalArgumentException("a part needs pieces, each with an emphasis and a chunk");
      }
    }

    /** One text, unemphasised. */
    public static Part of(String text, double weight) {
      return new Part(List.of(text), new double[] {1}, new int[] {0}, weight);
    }

    /** Whether the part is one plain text: no emphasis and no BREAK (encoded exactly as that text). */
    boolean plain() {
      for (int i = 0; i < texts.size(); i++) {
        if (emphasis[i] != 1 || chunks[i] != 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** A weighted prompt: its parts, combined by their weights, and a negative prompt ("" for none). */
  public record Prompt(List<Part> parts, String negative) {
    public Prompt {
      parts = List.copyOf(parts);
    }

    public static Prompt of(String text) {
      return new Prompt(List.of(Part.of(text, 1)), "");
    }

    /** Every text a part of its own, with its weight (Midjourney's multi-prompt). */
    public static Prompt composable(List<String> texts, double[] weights, String negative) {
      if (texts.size() != weights.length) {
        throw new IllegalArgumentException("one weight per term");
      }
      var parts = new ArrayList<Part>();
      for (int i = 0; i < texts.size(); i++) {
        parts.add(Part.of(texts.get(i), weights[i]));
      }
      return new Prompt(parts, negative);
    }
  }

  /** FLOPs of the denoiser for one image (one row: a guided step runs one per term plus one). */
  public long flopsPerImage() {
    return network.flopsPerImage(model.getNDManager());
  }

  public int imageSize() {
    return Sketchbook.IMAGE_SIZE;
  }

  /**
   * Values of the state the sampler moves: the image's PIXELS, or the autoencoder's latent.
   * The starting seed image is this many values of static.
   */
  public int stateSize() {
    return code != null ? CodeNetwork.CODE : autoencoder == null ? PIXELS : autoencoder.latentValues();
  }

  /** Whether the state is a latent the autoencoder draws (rather than the image itself). */
  public boolean latent() {
    return autoencoder != null;
  }

  /** The picture of a state (the sampler's x or its clean-image prediction): decoded when it is a latent. */
  public BufferedImage picture(float[] state) {
    return image(pixels(state));
  }

  /**
   * The RGB images of states (b, stateSize) in the caller's scope, in about [0, 1] (not clipped:
   * differentiable with respect to the states, as checker guidance follows the score's gradient
   * through the decoder).
   */
  public NDArray images(NDArray states) {
    int b = (int) states.getShape().get(0);
    if (autoencoder == null) {
      return states.reshape(DiffusionNetwork.imageShape(b)).add(1f).div(2f);
    }
    // States in passes of CODES_PER_PASS, the last padded with zeros: a grid cell must get the
    // bytes it gets alone, and the decoders' kernels round by batch size (never by place; on AVX2
    // CPUs a latent decoded in a pair differs from one decoded alone).
    IntFunction<Shape> shape = code == null ? autoencoder::latentShape : CodeNetwork::codeShape;
    NDArray shaped = states.reshape(shape.apply(b));
    // split, not get: PyTorch's split keeps the gradient path that checker guidance follows.
    NDList passes = b <= CODES_PER_PASS ? new NDList(shaped) : shaped.split(passBoundaries(b), 0);
    var rows = new NDList();
    for (NDArray pass : passes) {
      int real = (int) pass.getShape().get(0);
      NDArray full = real == CODES_PER_PASS ? pass
          : pass.concat(pass.getManager().zeros(shape.apply(CODES_PER_PASS - real)), 0);
      NDArray drawn = autoencoder.decode(code == null ? full : code.decode(full));
      rows.add(real == CODES_PER_PASS ? drawn : drawn.split(new long[] {real}, 0).get(0));
    }
    // NDArrays.concat copies a lone array without its gradient path: one pass is returned as it is.
    return (rows.size() == 1 ? rows.get(0) : NDArrays.concat(rows)).add(1f).div(2f);
  }

  /**
   * Codes per pass of the code's and the autoencoder's decoders. Measured on the 2-core VM: one
   * code alone 8.2 ms, four 15.1 ms (3.8 each), sixteen 47 ms; three take longer than four (another
   * kernel). Four keeps one image's check output at every step cheap enough (1.5 s goal) and
   * lets a grid's cells share passes.
   */
  static final int CODES_PER_PASS = 4;

  /** Where a batch of {@code b} codes is cut into passes of {@link #CODES_PER_PASS}. */
  private static long[] passBoundaries(int b) {
    var cuts = new long[(b - 1) / CODES_PER_PASS];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = (long) (i + 1) * CODES_PER_PASS;
    }
    return cuts;
  }

  /**
   * The starting seed image as people see it: the static itself. A latent's first three channels
   * stand for red, green and blue, each cell drawn 4x4 (the decoder's picture of pure static would
   * be no more literal).
   */
  public BufferedImage staticPicture(float[] state) {
    if (autoencoder == null) {
      return image(state);
    }
    int size = Sketchbook.IMAGE_SIZE;
    if (code != null) {
      // A scene code's values as a square of grey cells, row by row.
      int side = (int) Math.ceil(Math.sqrt(state.length));
      int cell = size / side;
      float[] grey = new float[PIXELS];
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int i = Math.min(y / cell, side - 1) * side + Math.min(x / cell, side - 1);
          float v = i < state.length ? 0.5f * state[i] : 0f;
          for (int c = 0; c < 3; c++) {
            grey[c * size * size + y * size + x] = v;
          }
        }
      }
      return image(grey);
    }
    int cells = AutoencoderNetwork.CELLS;
    int scale = size / cells;
    float[] rgb = new float[PIXELS];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          // Static has unit spread; halved it fills [-1, 1] about as an image does.
          rgb[c * size * size + y * size + x] = 0.5f * state[c * cells * cells + (y / scale) * cells + x / scale];
        }
      }
    }
    return image(rgb);
  }

  /** The PIXELS values in about [-1, 1] of a state. */
  public float[] pixels(float[] state) {
    if (autoencoder == null) {
      return state;
    }
    if (code == null) {
      return autoencoder.decode(state);
    }
    try (NDManager scope = model.getNDManager().newSubManager()) {
      NDArray rgb = images(scope.create(state, new Shape(1, state.length)));
      return rgb.mul(2f).sub(1f).toFloatArray();
    }
  }

  public Device device() {
    return model.getNDManager().getDevice();
  }

  /**
   * The guided velocity for each item: {@code x[i]} is item i's current image (PIXELS values, in
   * about [-1, 1]), all at time t.
   */
  public float[][] velocity(float[][] x, double t, List<Prompt> prompts, double guidance) {
    return velocity(x, t, prompts, guidance, detailGuidance(guidance));
  }

  /** The detail guidance a recipe gets when it does not say: the guidance itself where the model has no code directions. */
  public double detailGuidance(double guidance) {
    return directions == null ? guidance : guidance * DETAIL_GUIDANCE_RATIO;
  }

  /**
   * As above, with classifier-free guidance {@code guidance} along the scene code's main
   * directions and {@code detailGuidance} along the rest ({@link CodeDirections}); a model
   * without them, or a detail guidance equal to the guidance, has one guidance for all.
   */
  public float[][] velocity(float[][] x, double t, List<Prompt> prompts, double guidance, double detailGuidance) {
    boolean split = directions != null && detailGuidance != guidance;
    try (NDManager scope = model.getNDManager().newSubManager()) {
      // Per item: its unconditional row (the negative prompt, or no text: all zeros, as trained),
      // then one row per part that has a weight.
      var rows = new ArrayList<Part>();
      var rowOfItem = new int[x.length];
      for (int i = 0; i < x.length; i++) {
        Prompt p = prompts.get(i);
        rowOfItem[i] = rows.size();
        rows.add(p.negative().isBlank() ? null : Part.of(p.negative(), 1));
        for (Part part : p.parts()) {
          if (part.weight() != 0) {
            rows.add(part);
          }
        }
      }
      int n = rows.size();
      int size = stateSize();
      NDArray conditions = conditioning(scope, rows);
      var images = new float[n * size];
      var times = new float[n];
      Arrays.fill(times, (float) t);
      for (int i = 0; i < x.length; i++) {
        int rowsOfItem = (i + 1 < x.length ? rowOfItem[i + 1] : n) - rowOfItem[i];
        for (int r = 0; r < rowsOfItem; r++) {
          System.arraycopy(x[i], 0, images, (rowOfItem[i] + r) * size, size);
        }
      }
      float[] flat = denoise(scope, images, times, conditions);
      var out = new float[x.length][size];
      for (int i = 0; i < x.length; i++) {
        Prompt p = prompts.get(i);
        double positive = 0;
        for (Part part : p.parts()) {
          positive += Math.max(0, part.weight());
        }
        if (positive == 0) {
          positive = 1; // a step where prompt editing leaves only negative parts: their weights as they are
        }
        int base = rowOfItem[i] * size;
        float[] o = out[i];
        System.arraycopy(flat, base, o, 0, size);
        int row = rowOfItem[i];
        // split: the guided difference summed first (the parts' weighted pull), then scaled per direction
        double[] pull = split ? new double[size] : null;
        for (Part part : p.parts()) {
          if (part.weight() == 0) {
            continue;
          }
          row++;
          int at = row * size;
          if (split) {
            double share = part.weight() / positive;
            for (int j = 0; j < size; j++) {
              pull[j] += share * (flat[at + j] - flat[base + j]);
            }
            continue;
          }
          float scale = (float) (guidance * part.weight() / positive);
          for (int j = 0; j < size; j++) {
            o[j] += scale * (flat[at + j] - flat[base + j]);
          }
        }
        if (split) {
          double[] coarse = new double[size];
          directions.coarse(pull, coarse);
          for (int j = 0; j < size; j++) {
            o[j] += (float) (detailGuidance * pull[j] + (guidance - detailGuidance) * coarse[j]);
          }
        }
      }
      return out;
    }
  }

  /**
   * Rows per forward pass of the text encoder (the denoiser's are its own, {@link Denoiser#rowsPerPass}). PyTorch's CPU kernels
   * round differently for different batch sizes (measured: batches of 1, of 2 or 3, and of 4 to 8
   * each give other bits for the same row), but never by a row's place in a batch of one size.
   * Every pass therefore takes exactly this many rows, the last padded, so an image's bytes do
   * not depend on the other images of its batch: a grid cell equals the same recipe run alone.
   * Two is what a single one-term image needs anyway (its term and the unconditional branch).
   */
  static final int ROWS_PER_PASS = 2;

  /**
   * The condition of each row ({@code null}: no text, all zeros), (rows, CONDITION_WIDTH) in
   * {@code scope}. Every chunk of every part is one row of the text encoder, run in passes of
   * {@link #ROWS_PER_PASS}; a plain part's row is the encoder's own, others are put together here.
   */
  NDArray conditioning(NDManager scope, List<Part> rows) {
    var ids = new ArrayList<int[]>();
    var lengths = new ArrayList<Integer>();
    var encoded = new ArrayList<List<TokenRow>>(); // per row: its chunks' encoder rows
    for (Part part : rows) {
      var chunks = new ArrayList<TokenRow>();
      if (part != null) {
        int lastChunk = Arrays.stream(part.chunks()).max().orElse(0);
        int total = 0; // tokens placed so far: the context holds MAX_TOKENS in all, as one text does
        for (int chunk = 0; chunk <= lastChunk; chunk++) {
          var row = new int[TextFeatures.LENGTH];
          var emphasis = new double[TextFeatures.LENGTH];
          int length = 0;
          for (int k = 0; k < part.texts().size(); k++) {
            if (part.chunks()[k] != chunk) {
              continue;
            }
            var tokens = Vocabulary.tokenize(part.texts().get(k));
            for (int j = 0; j < tokens.length() && total + length < TextFeatures.LENGTH; j++) {
              row[length] = tokens.ids()[j];
              emphasis[length++] = part.emphasis()[k];
            }
          }
          if (length > 0 || chunk == 0) {
            chunks.add(new TokenRow(ids.size(), length, emphasis));
            ids.add(row);
            lengths.add(length);
            total += length;
          }
        }
      }
      encoded.add(chunks);
    }
    float[] states = encode(scope, ids, lengths.stream().mapToInt(Integer::intValue).toArray());
    int width = CheckerNetwork.CONDITION_WIDTH;
    var out = new float[rows.size() * width];
    for (int r = 0; r < rows.size(); r++) {
      Part part = rows.get(r);
      if (part == null) {
        continue; // no text: the all-zero condition
      }
      var chunks = encoded.get(r);
      if (part.plain()) {
        System.arraycopy(states, chunks.get(0).encoderRow() * width, out, r * width, width);
      } else {
        compose(states, chunks, out, r * width);
      }
    }
    return scope.create(out, new Shape(rows.size(), width));
  }

  /** One chunk of a part as a row of the text encoder: where it is, how many tokens, their emphasis. */
  private record TokenRow(int encoderRow, int length, double[] emphasis) {}

  /**
   * A1111's weighted, chunked conditioning from the chunks' encoder rows: the unit embedding (of
   * the one chunk, or the chunks' mean made unit again), then the token states of chunk 0 with
   * each later chunk's tokens written after the tokens before it, each token's state times its
   * emphasis, and all states rescaled to their unweighted mean.
   */
  private static void compose(float[] states, List<TokenRow> chunks, float[] out, int at) {
    int width = CheckerNetwork.CONDITION_WIDTH;
    int embedding = width - CheckerNetwork.TEXT_WIDTH * TextFeatures.LENGTH;
    int tokens = TextFeatures.LENGTH;
    var sum = new double[embedding];
    for (TokenRow chunk : chunks) {
      for (int e = 0; e < embedding; e++) {
        sum[e] += states[chunk.encoderRow() * width + e];
      }
    }
    double norm = Math.sqrt(Arrays.stream(sum).map(v -> v * v).sum());
    for (int e = 0; e < embedding; e++) {
      out[at + e] = norm == 0 ? 0 : (float) (sum[e] / norm);
    }
    var weight = new double[tokens];
    Arrays.fill(weight, 1);
    int first = chunks.get(0).encoderRow() * width + embedding;
    System.arraycopy(states, first, out, at + embedding, width - embedding);
    int offset = 0;
    for (TokenRow chunk : chunks) {
      int from = chunk.encoderRow() * width + embedding;
      for (int p = 0; p < chunk.length() && offset + p < tokens; p++) {
        weight[offset + p] = chunk.emphasis()[p];
        for (int c = 0; c < CheckerNetwork.TEXT_WIDTH; c++) {
          out[at + embedding + c * tokens + offset + p] = states[from + c * tokens + p];
        }
      }
      offset += chunk.length();
    }
    double before = 0;
    double after = 0;
    for (int c = 0; c < CheckerNetwork.TEXT_WIDTH; c++) {
      for (int p = 0; p < tokens; p++) {
        int i = at + embedding + c * tokens + p;
        before += out[i];
        out[i] = (float) (out[i] * weight[p]);
        after += out[i];
      }
    }
    if (after != 0 && before != after) {
      float rescale = (float) (before / after);
      for (int i = at + embedding; i < at + width; i++) {
        out[i] *= rescale;
      }
    }
  }

  /** The text encoder's condition rows for token ids, in passes of {@link #ROWS_PER_PASS}, as floats. */
  private float[] encode(NDManager scope, List<int[]> ids, int[] lengths) {
    int width = CheckerNetwork.CONDITION_WIDTH;
    var out = new float[ids.size() * width];
    for (int from = 0; from < ids.size(); from += ROWS_PER_PASS) {
      var pass = new ArrayList<int[]>();
      var passLengths = new int[ROWS_PER_PASS];
      for (int k = 0; k < ROWS_PER_PASS; k++) {
        // The last pass is padded with empty texts, as "" would be.
        pass.add(from + k < ids.size() ? ids.get(from + k) : new int[TextFeatures.LENGTH]);
        passLengths[k] = from + k < ids.size() ? lengths[from + k] : 0;
      }
      try (NDManager passScope = scope.newSubManager()) {
        float[] c = checker.conditioning(passScope, TextFeatures.ofTokens(pass, passLengths)).toFloatArray();
        int real = Math.min(ROWS_PER_PASS, ids.size() - from);
        System.arraycopy(c, 0, out, from * width, real * width);
      }
    }
    return out;
  }

  /** The network's v for every row, in passes of the network's {@link Denoiser#rowsPerPass} rows. */
  private float[] denoise(NDManager scope, float[] images, float[] times, NDArray conditions) {
    int n = times.length;
    int size = stateSize();
    var out = new float[n * size];
    var store = new ParameterStore(scope, false);
    int perPass = network.rowsPerPass();
    for (int from = 0; from < n; from += perPass) {
      int real = Math.min(perPass, n - from);
      var passImages = new float[perPass * size];
      System.arraycopy(images, from * size, passImages, 0, real * size);
      var passTimes = new float[perPass];
      System.arraycopy(times, from, passTimes, 0, real);
      NDArray passConditions = conditions.get(from + ":" + (from + real));
      if (real < perPass) {
        passConditions = passConditions.concat(
            scope.zeros(new Shape(perPass - real, conditions.getShape().get(1))), 0);
      }
      float[] v = network.forward(store, new NDList(
          scope.create(passImages, network.inputShape(perPass)),
          scope.create(DiffusionNetwork.timeFeatures(passTimes), DiffusionNetwork.timeShape(perPass)),
          passConditions), false).singletonOrThrow().toFloatArray();
      System.arraycopy(v, 0, out, from * size, real * size);
    }
    return out;
  }

  /** Whole runs of {@code steps} sampler steps from the given static: for evaluation and samples. */
  public List<BufferedImage> generate(List<Prompt> prompts, float[][] noise, int steps, double guidance, String sampler) {
    int n = prompts.size();
    float[][] x = new float[n][];
    float[][] memory = new float[n][stateSize()];
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
      out.add(picture(xi));
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
    if (autoencoder != null) {
      autoencoder.close();
    }
    if (code != null) {
      code.close();
    }
  }
}
