package workbench.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import workbench.sketchbook.Sketchbook;

/**
 * The Sketchbook diffusion model's denoiser: a small text-conditioned UNet, a miniature of
 * Stable Diffusion's. It predicts v (Salimans &amp; Ho's velocity) for a noisy 64x64 image at a
 * time t in [0, 1].
 *
 * <p>Measured choices (2-core CPU, see the model card): the image is folded 4x4 into channels
 * (64x64x3 to 16x16x48, as "simple diffusion" patchifies), so the UNet's levels run at 16, 8
 * and 4 cells with GroupNorm, SiLU and FiLM residual blocks and one self-attention at 4x4
 * (counts and two-object layouts are global questions). Around it sit a full-resolution stem
 * (one convolution of x_t) and head (two convolutions over the UNet's unfolded output and the
 * stem, FiLM-conditioned): without them the 48 values of a patch had to pass through 64 channels
 * and the network never learnt to remove light noise (v-loss 0.92 at t in [0.05, 0.3], where a
 * 3x3 box blur scores 0.4; with them 0.17 after 100 steps, {@code DiffusionLightNoiseTest}). The
 * condition is the checker's text encoder's output, as SD conditions on CLIP's: the unit
 * embedding and its token states, flattened, so word order and which word goes with which
 * object reach the UNet; with the time features it is mixed by an MLP into one vector that
 * scales and shifts every block. An all-zero condition is "no text" (the unconditional branch
 * of classifier-free guidance, trained by condition dropout).
 *
 * <p>Written as functions over named parameters rather than a tree of DJL blocks: the forward
 * pass reads as the UNet it is. Residual blocks' last convolution and the output convolution
 * start at zero, so the untrained network is the identity plus a zero prediction.
 */
final class DiffusionNetwork extends OwnParametersBlock implements Denoiser {

  static final int PATCH = 4;
  static final int TIME_FEATURES = 64;
  static final int CONDITION = 256;
  static final int GROUPS = 8;
  static final int[] CHANNELS = {64, 128, 192};
  static final int BLOCKS = 2;
  static final int HEADS = 4;
  /** Channels of the full-resolution stem and head around the patched UNet. */
  static final int FINE = 32;
  static final int SIZE = Sketchbook.IMAGE_SIZE;
  /** Token states per condition row (the text encoder's positions). */
  static final int TOKENS = TextFeatures.LENGTH;

  private final int textWidth;
  private final int tokenWidth;
  private final boolean crossAttention;
  /** Channels of the autoencoder's latent the network denoises; 0: it denoises pixels. */
  private final int latentChannels;

  /** The first shipped network: pixels, text through FiLM only. */
  DiffusionNetwork(int textWidth) {
    this(textWidth, 0, false);
  }

  /** A network over pixels. */
  DiffusionNetwork(int textWidth, int tokenWidth, boolean crossAttention) {
    this(textWidth, tokenWidth, crossAttention, 0);
  }

  /**
   * @param textWidth the width of a condition row (checker embedding plus its token states)
   * @param tokenWidth the width of one token state (the rest of the row is {@link #TOKENS} of them)
   * @param crossAttention whether image positions also attend over the token states at every
   *     level (see {@link Forward#crossAttention}); its output layers start at zero, so a network
   *     grown from FiLM-only weights starts as that network
   */
  DiffusionNetwork(int textWidth, int tokenWidth, boolean crossAttention, int latentChannels) {
    this.textWidth = textWidth;
    this.tokenWidth = tokenWidth;
    this.crossAttention = crossAttention;
    this.latentChannels = latentChannels;
    // Over latents the UNet's input is the latent grid itself: no folding, no full-resolution stem and head.
    int folded = latentChannels > 0 ? latentChannels : 3 * PATCH * PATCH;
    linearParameters("cond.in", TIME_FEATURES + textWidth, CONDITION, false);
    linearParameters("cond.out", CONDITION, CONDITION, false);
    convParameters("in", folded, CHANNELS[0], 3, false);
    int c = CHANNELS[0];
    for (int level = 0; level < CHANNELS.length; level++) {
      for (int b = 0; b < BLOCKS; b++) {
        filmResidualParameters("down" + level + "." + b, c, CHANNELS[level]);
        c = CHANNELS[level];
      }
      crossAttention("down" + level + ".text", c);
      if (level < CHANNELS.length - 1) {
        convParameters("down" + level + ".pool", c, c, 3, false);
      }
    }
    filmResidualParameters("mid.0", c, c);
    attention("mid.attention", c);
    crossAttention("mid.text", c);
    filmResidualParameters("mid.1", c, c);
    for (int level = CHANNELS.length - 1; level >= 0; level--) {
      for (int b = 0; b < BLOCKS; b++) {
        // The first block of each level also reads the skip from the way down.
        filmResidualParameters("up" + level + "." + b, b == 0 ? c + CHANNELS[level] : CHANNELS[level], CHANNELS[level]);
        c = CHANNELS[level];
      }
      crossAttention("up" + level + ".text", c);
      if (level > 0) {
        convParameters("up" + level + ".grow", c, CHANNELS[level - 1], 3, false);
        c = CHANNELS[level - 1];
      }
    }
    normParameters("out.norm", c);
    convParameters("out", c, folded, 3, true);
    if (latentChannels > 0) {
      return;
    }
    convParameters("stem", 3, FINE, 3, false);
    convParameters("head.conv1", 3 + FINE, FINE, 3, false);
    linearParameters("head.film", CONDITION, 2 * FINE, true);
    normParameters("head.norm", FINE);
    convParameters("head.conv2", FINE, 3, 3, true);
  }

  static Shape imageShape(int batch) {
    return new Shape(batch, 3, SIZE, SIZE);
  }

  /** What the network denoises: images, or the autoencoder's latents. */
  @Override
  public Shape inputShape(int batch) {
    return latentChannels > 0
        ? new Shape(batch, latentChannels, AutoencoderNetwork.CELLS, AutoencoderNetwork.CELLS) : imageShape(batch);
  }

  boolean latent() {
    return latentChannels > 0;
  }

  static Shape timeShape(int batch) {
    return new Shape(batch, TIME_FEATURES);
  }

  /** Two: a UNet's pass grows with its rows, and a one-term image needs two (its term and the unconditional branch). */
  @Override
  public int rowsPerPass() {
    return 2;
  }

  @Override
  public Shape textShape(int batch) {
    return new Shape(batch, textWidth);
  }

  /** Sinusoidal features of t in [0, 1], as a transformer's positions (t scaled to 0–1000). */
  static float[] timeFeatures(float[] t) {
    int half = TIME_FEATURES / 2;
    float[] out = new float[t.length * TIME_FEATURES];
    for (int i = 0; i < t.length; i++) {
      for (int k = 0; k < half; k++) {
        double frequency = Math.exp(-Math.log(10_000) * k / half);
        double angle = t[i] * 1000.0 * frequency;
        out[i * TIME_FEATURES + k] = (float) StrictMath.sin(angle);
        out[i * TIME_FEATURES + half + k] = (float) StrictMath.cos(angle);
      }
    }
    return out;
  }

  /** Inputs: noisy images (b, 3, 64, 64) in about [-1, 1], time features (b, 64), conditions (b, textWidth). */
  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> unused) {
    return new NDList(run(new Forward(store, inputs.get(0).getDevice(), training), inputs));
  }

  /** FLOPs of one forward pass for one image (2 x multiply-adds of convolutions, linear layers and attention). */
  @Override
  public long flopsPerImage(NDManager manager) {
    try (NDManager scope = manager.newSubManager()) {
      var f = new Forward(new ParameterStore(scope, false), scope.getDevice(), false);
      run(f, new NDList(scope.zeros(inputShape(1)), scope.zeros(timeShape(1)), scope.zeros(textShape(1))));
      return f.flops;
    }
  }

  private NDArray run(Forward f, NDList inputs) {
    NDArray x = inputs.get(0);
    long b = x.getShape().get(0);
    NDArray condition = f.linear("cond.in", inputs.get(1).concat(inputs.get(2), 1));
    condition = f.linear("cond.out", silu(condition));
    NDArray film = silu(condition);
    NDArray tokens = crossAttention ? tokens(inputs.get(2)) : null;

    NDArray h = f.conv("in", latent() ? x : unfold(x), 1);
    Deque<NDArray> skips = new ArrayDeque<>();
    for (int level = 0; level < CHANNELS.length; level++) {
      for (int k = 0; k < BLOCKS; k++) {
        h = f.filmResidual("down" + level + "." + k, h, film);
      }
      h = f.crossAttention("down" + level + ".text", h, tokens);
      skips.push(h);
      if (level < CHANNELS.length - 1) {
        h = f.conv("down" + level + ".pool", h, 2);
      }
    }
    h = f.filmResidual("mid.0", h, film);
    h = f.attention("mid.attention", h);
    h = f.crossAttention("mid.text", h, tokens);
    h = f.filmResidual("mid.1", h, film);
    for (int level = CHANNELS.length - 1; level >= 0; level--) {
      h = h.concat(skips.pop(), 1);
      for (int k = 0; k < BLOCKS; k++) {
        h = f.filmResidual("up" + level + "." + k, h, film);
      }
      h = f.crossAttention("up" + level + ".text", h, tokens);
      if (level > 0) {
        long[] size = {h.getShape().get(2) * 2, h.getShape().get(3) * 2};
        h = f.conv("up" + level + ".grow", JniUtils.interpolate((PtNDArray) h, size, 0, false), 1);
      }
    }
    h = f.conv("out", silu(f.groupNorm("out.norm", h)), 1);
    if (latent()) {
      return h;
    }
    NDArray coarse = fold(h, b);
    // The full-resolution head sees every pixel of x_t: light noise is a per-pixel question
    // that the 4x4 patches' narrow channels did not learn to answer (see the model card).
    NDArray fine = f.conv("head.conv1", coarse.concat(f.conv("stem", x, 1), 1), 1);
    NDArray scaleShift = f.linear("head.film", film).reshape(-1, 2 * FINE, 1, 1);
    fine = f.groupNorm("head.norm", fine).mul(scaleShift.get(":, 0:" + FINE).add(1f)).add(scaleShift.get(":, " + FINE + ":"));
    return coarse.add(f.conv("head.conv2", silu(fine), 1));
  }

  /**
   * The token states of condition rows as (b, tokens, tokenWidth): the row holds them channel by
   * channel after the unit embedding (as the checker's 1-D convolutions leave them).
   */
  private NDArray tokens(NDArray condition) {
    return tokens(condition, textWidth, tokenWidth);
  }

  /** As above, for any network reading condition rows {@code textWidth} wide of {@code tokenWidth}-wide token states. */
  static NDArray tokens(NDArray condition, int textWidth, int tokenWidth) {
    long b = condition.getShape().get(0);
    int embedding = textWidth - TOKENS * tokenWidth;
    return condition.get(":, " + embedding + ":").reshape(b, tokenWidth, TOKENS).transpose(0, 2, 1);
  }

  /** (b, 3, 64, 64) to (b, 48, 16, 16): each 4x4 patch's pixels become channels. */
  static NDArray unfold(NDArray x) {
    long b = x.getShape().get(0);
    int s = SIZE / PATCH;
    return x.reshape(b, 3, s, PATCH, s, PATCH).transpose(0, 1, 3, 5, 2, 4).reshape(b, 3 * PATCH * PATCH, s, s);
  }

  /** The inverse of {@link #unfold}. */
  static NDArray fold(NDArray x, long b) {
    int s = SIZE / PATCH;
    return x.reshape(b, 3, PATCH, PATCH, s, s).transpose(0, 1, 4, 2, 5, 3).reshape(b, 3, SIZE, SIZE);
  }

  /**
   * GroupNorm ({@link #GROUPS} groups) as PyTorch's fused batch norm over (1, batch x groups, ...):
   * each sample's group is then a "channel" normalised by its own statistics (one op forward and
   * back instead of eight), followed by the per-channel affine.
   */
  static NDArray groupNorm(NDArray x, NDArray gamma, NDArray beta) {
    Shape s = x.getShape();
    long c = s.get(1);
    NDManager m = x.getManager();
    int rows = (int) (s.get(0) * GROUPS);
    NDArray normed = JniUtils.batchNorm((PtNDArray) x.reshape(1, rows, -1), (PtNDArray) m.zeros(new Shape(rows)),
        (PtNDArray) m.ones(new Shape(rows)), (PtNDArray) m.ones(new Shape(rows)),
        (PtNDArray) m.zeros(new Shape(rows)), true, 0.0, 1e-5).reshape(s);
    return normed.mul(gamma.reshape(1, c, 1, 1)).add(beta.reshape(1, c, 1, 1));
  }

  static NDArray silu(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  // ---- parameters ----

  private void filmResidualParameters(String name, int in, int out) {
    normParameters(name + ".norm1", in);
    convParameters(name + ".conv1", in, out, 3, false);
    linearParameters(name + ".film", CONDITION, 2 * out, true);
    normParameters(name + ".norm2", out);
    convParameters(name + ".conv2", out, out, 3, true);
    if (in != out) {
      convParameters(name + ".skip", in, out, 1, false);
    }
  }

  private void attention(String name, int channels) {
    normParameters(name + ".norm", channels);
    convParameters(name + ".qkv", channels, 3 * channels, 1, false);
    convParameters(name + ".out", channels, channels, 1, true);
  }

  /** Queries from the image, keys and values from the caption's token states; the output starts at zero. */
  private void crossAttention(String name, int channels) {
    if (!crossAttention) {
      return;
    }
    normParameters(name + ".norm", channels);
    convParameters(name + ".q", channels, channels, 1, false);
    linearParameters(name + ".k", tokenWidth, channels, false);
    linearParameters(name + ".v", tokenWidth, channels, false);
    convParameters(name + ".out", channels, channels, 1, true);
  }

  /** One forward pass: parameters fetched through the store (the trainer's, or a frozen one). */
  private final class Forward extends Pass {
    long flops;

    Forward(ParameterStore store, Device device, boolean training) {
      super(store, device, training);
    }

    /** DJL's Linear (the rounding the UNets were trained with), counted. */
    @Override
    NDArray linear(String name, NDArray x) {
      Shape w = parameters.get(name + ".weight").getArray().getShape();
      flops += 2 * w.get(0) * w.get(1) * x.getShape().get(0);
      return Linear.linear(x, p(name + ".weight"), p(name + ".bias")).singletonOrThrow();
    }

    @Override
    NDArray conv(String name, NDArray x, int stride) {
      NDArray out = super.conv(name, x, stride);
      Shape w = parameters.get(name + ".weight").getArray().getShape();
      Shape o = out.getShape();
      flops += 2 * o.get(0) * o.get(1) * o.get(2) * o.get(3) * w.get(1) * w.get(2) * w.get(3);
      return out;
    }

    /** A residual block whose second norm is scaled and shifted by the condition (FiLM). */
    NDArray filmResidual(String name, NDArray x, NDArray film) {
      NDArray h = conv(name + ".conv1", silu(groupNorm(name + ".norm1", x)), 1);
      long out = h.getShape().get(1);
      NDArray scaleShift = linear(name + ".film", film).reshape(-1, 2 * out, 1, 1);
      NDArray scale = scaleShift.get(":, 0:" + out);
      NDArray shift = scaleShift.get(":, " + out + ":");
      h = groupNorm(name + ".norm2", h).mul(scale.add(1f)).add(shift);
      h = conv(name + ".conv2", silu(h), 1);
      NDArray skip = parameters.containsKey(name + ".skip.weight") ? conv(name + ".skip", x, 1) : x;
      return skip.add(h);
    }

    NDArray attention(String name, NDArray x) {
      Shape s = x.getShape();
      long b = s.get(0);
      long c = s.get(1);
      long n = s.get(2) * s.get(3);
      long d = c / HEADS;
      NDArray qkv = conv(name + ".qkv", groupNorm(name + ".norm", x), 1).reshape(b, 3, HEADS, d, n);
      NDArray q = qkv.get(":, 0").transpose(0, 1, 3, 2); // (b, heads, n, d)
      NDArray k = qkv.get(":, 1");                       // (b, heads, d, n)
      NDArray v = qkv.get(":, 2");                       // (b, heads, d, n)
      flops += 2 * 2 * b * c * n * n;
      NDArray weights = q.matMul(k).mul((float) (1 / Math.sqrt(d))).softmax(3); // (b, heads, n, n)
      NDArray mixed = v.matMul(weights.transpose(0, 1, 3, 2)).reshape(b, c, s.get(2), s.get(3));
      return x.add(conv(name + ".out", mixed, 1));
    }

    /**
     * Each image position attends over the caption's tokens, as Stable Diffusion's UNet reads
     * CLIP's: the same projection for every token position, so "grass" is learnt once wherever
     * it stands in a caption (the flattened row in the FiLM vector must learn it per position),
     * and "on the left" can reach the left of the image. An all-zero condition gives the same
     * keys for every token: attention then returns one learnt "no text" value.
     */
    NDArray crossAttention(String name, NDArray x, NDArray tokens) {
      if (!crossAttention) {
        return x;
      }
      Shape s = x.getShape();
      long b = s.get(0);
      long c = s.get(1);
      long n = s.get(2) * s.get(3);
      long d = c / HEADS;
      long t = tokens.getShape().get(1);
      NDArray q = conv(name + ".q", groupNorm(name + ".norm", x), 1).reshape(b, HEADS, d, n).transpose(0, 1, 3, 2);
      NDArray flat = tokens.reshape(b * t, -1);
      NDArray k = linear(name + ".k", flat).reshape(b, t, HEADS, d).transpose(0, 2, 3, 1); // (b, heads, d, t)
      NDArray v = linear(name + ".v", flat).reshape(b, t, HEADS, d).transpose(0, 2, 1, 3); // (b, heads, t, d)
      flops += 2 * 2 * b * c * n * t;
      NDArray weights = q.matMul(k).mul((float) (1 / Math.sqrt(d))).softmax(3); // (b, heads, n, t)
      NDArray mixed = weights.matMul(v).transpose(0, 1, 3, 2).reshape(b, c, s.get(2), s.get(3));
      return x.add(conv(name + ".out", mixed, 1));
    }
  }

  /** Whether weights with these parameter names are of a network over the autoencoder's latents. */
  static boolean latent(List<String> parameterNames) {
    return !parameterNames.isEmpty() && !parameterNames.contains("stem.weight");
  }

  /** Whether weights with these parameter names are of a network with cross-attention. */
  static boolean crossAttention(List<String> parameterNames) {
    return parameterNames.stream().anyMatch(n -> n.endsWith(".text.q.weight"));
  }
}
