package workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The diffusion model over scene codes ({@link CodeNetwork}): a residual MLP that reads a noisy
 * code, the time and the caption's condition row, and predicts the velocity. The condition and
 * time enter every block (added before its activation), as FiLM enters the UNet's.
 *
 * <p>The code is carried as (b, CODE, 1, 1), a one-cell latent, so the trainer's noising and the
 * sampler treat it as any other state.
 */
final class PriorNetwork extends OwnParametersBlock implements Denoiser {

  static final int WIDTH = 512;
  static final int HIDDEN = 1024;
  static final int BLOCKS = 4;

  static final int HEADS = 8;

  private final int textWidth;
  private final int tokenWidth;
  private final boolean crossAttention;

  PriorNetwork(int textWidth) {
    this(textWidth, CheckerNetwork.TEXT_WIDTH, false);
  }

  /**
   * @param crossAttention whether every block also attends over the caption's token states (see
   *     {@link #crossAttention(Pass, String, NDArray, NDArray)}); the attention's output layers
   *     start at zero, so weights without them load as the same network
   */
  PriorNetwork(int textWidth, int tokenWidth, boolean crossAttention) {
    this.textWidth = textWidth;
    this.tokenWidth = tokenWidth;
    this.crossAttention = crossAttention;
    linearParameters("cond.text", textWidth, WIDTH, false);
    linearParameters("cond.time", DiffusionNetwork.TIME_FEATURES, WIDTH, false);
    linearParameters("cond.out", WIDTH, WIDTH, false);
    linearParameters("in", CodeNetwork.CODE, WIDTH, false);
    for (int b = 0; b < BLOCKS; b++) {
      normParameters("block" + b + ".norm", WIDTH);
      linearParameters("block" + b + ".up", WIDTH, HIDDEN, false);
      linearParameters("block" + b + ".cond", WIDTH, HIDDEN, false);
      linearParameters("block" + b + ".down", HIDDEN, WIDTH, true);
      if (crossAttention) {
        normParameters("block" + b + ".text.norm", WIDTH);
        linearParameters("block" + b + ".text.q", WIDTH, WIDTH, false);
        linearParameters("block" + b + ".text.k", tokenWidth, WIDTH, false);
        linearParameters("block" + b + ".text.v", tokenWidth, WIDTH, false);
        linearParameters("block" + b + ".text.out", WIDTH, WIDTH, true);
      }
    }
    normParameters("out.norm", WIDTH);
    linearParameters("out", WIDTH, CodeNetwork.CODE, true);
  }

  /** Whether weights with these parameter names are a prior's (rather than a UNet's). */
  static boolean prior(java.util.List<String> parameterNames) {
    return parameterNames.contains("block0.up.weight");
  }

  /** Whether a prior's weights with these parameter names attend over the caption's tokens. */
  static boolean crossAttention(java.util.List<String> parameterNames) {
    return parameterNames.contains("block0.text.q.weight");
  }

  @Override
  public Shape inputShape(int batch) {
    return new Shape(batch, CodeNetwork.CODE, 1, 1);
  }

  /**
   * Sixteen without cross-attention: the MLP's passes cost about what reading its weights costs
   * up to that many rows (measured on the 2-core VM: 3.9 ms for 2 rows, 3.9 for 8, 4.8 for 16,
   * 6.7 for 32), so a 4x4 grid's 32 rows take two passes where two-row passes took sixteen.
   * Eight with it: keys and values are projected for all 24 token places of every row, padding
   * rows too, so a single image's two rows padded to sixteen paid for fourteen rows of nothing
   * (one loop image, best of 5: 1,199 ms in 16-row passes, 996 ms in 8-row ones).
   */
  @Override
  public int rowsPerPass() {
    return crossAttention ? 8 : 16;
  }

  @Override
  public Shape textShape(int batch) {
    return new Shape(batch, textWidth);
  }

  @Override
  public long flopsPerImage(NDManager manager) {
    long macs = 0;
    for (var p : parameters.values()) {
      if (p.getName().endsWith(".weight")) {
        // Keys and values are projected for every token place; the rest once per code.
        boolean perToken = p.getName().endsWith(".text.k.weight") || p.getName().endsWith(".text.v.weight");
        macs += p.getArray().getShape().size() * (perToken ? DiffusionNetwork.TOKENS : 1);
      }
    }
    return 2 * macs;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> unused) {
    var f = new Pass(store, inputs.get(0).getDevice(), training);
    NDArray x = inputs.get(0);
    long b = x.getShape().get(0);
    NDArray c = f.linear("cond.text", inputs.get(2)).add(f.linear("cond.time", inputs.get(1)));
    c = DiffusionNetwork.silu(f.linear("cond.out", DiffusionNetwork.silu(c)));
    NDArray tokens = crossAttention ? DiffusionNetwork.tokens(inputs.get(2), textWidth, tokenWidth) : null;
    NDArray h = f.linear("in", x.reshape(b, CodeNetwork.CODE));
    for (int k = 0; k < BLOCKS; k++) {
      String name = "block" + k;
      NDArray a = f.linear(name + ".up", layerNorm(f, name + ".norm", h)).add(f.linear(name + ".cond", c));
      h = h.add(f.linear(name + ".down", DiffusionNetwork.silu(a)));
      if (crossAttention) {
        h = crossAttention(f, name + ".text", h, tokens);
      }
    }
    return new NDList(f.linear("out", layerNorm(f, "out.norm", h)).reshape(inputShape((int) b)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /**
   * The code's state asks the caption's tokens, one query per head, as Stable Diffusion's UNet
   * reads CLIP's: one projection for every token place, so "pear" is learnt once wherever the
   * caption puts it (the flattened row in {@code cond.text} must learn each word per place, and
   * the grammar moves words about). A dropped condition (all zeros) gives zero keys and values:
   * the block adds nothing.
   */
  private NDArray crossAttention(Pass f, String name, NDArray h, NDArray tokens) {
    long b = h.getShape().get(0);
    long t = tokens.getShape().get(1);
    long d = WIDTH / HEADS;
    NDArray q = f.linear(name + ".q", layerNorm(f, name + ".norm", h)).reshape(b, HEADS, 1, d);
    NDArray flat = tokens.reshape(b * t, -1);
    NDArray k = f.linear(name + ".k", flat).reshape(b, t, HEADS, d).transpose(0, 2, 3, 1); // (b, heads, d, t)
    NDArray v = f.linear(name + ".v", flat).reshape(b, t, HEADS, d).transpose(0, 2, 1, 3); // (b, heads, t, d)
    NDArray weights = q.matMul(k).mul((float) (1 / Math.sqrt(d))).softmax(3);               // (b, heads, 1, t)
    return h.add(f.linear(name + ".out", weights.matMul(v).reshape(b, WIDTH)));
  }

  /** Layer norm over the features. */
  private static NDArray layerNorm(Pass f, String name, NDArray x) {
    NDArray centred = x.sub(x.mean(new int[] {1}, true));
    NDArray spread = centred.square().mean(new int[] {1}, true).add(1e-5f).sqrt();
    return centred.div(spread).mul(f.p(name + ".gamma")).add(f.p(name + ".beta"));
  }
}
