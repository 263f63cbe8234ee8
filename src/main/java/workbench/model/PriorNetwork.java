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

  private final int textWidth;

  PriorNetwork(int textWidth) {
    this.textWidth = textWidth;
    linearParameters("cond.text", textWidth, WIDTH, false);
    linearParameters("cond.time", DiffusionNetwork.TIME_FEATURES, WIDTH, false);
    linearParameters("cond.out", WIDTH, WIDTH, false);
    linearParameters("in", CodeNetwork.CODE, WIDTH, false);
    for (int b = 0; b < BLOCKS; b++) {
      normParameters("block" + b + ".norm", WIDTH);
      linearParameters("block" + b + ".up", WIDTH, HIDDEN, false);
      linearParameters("block" + b + ".cond", WIDTH, HIDDEN, false);
      linearParameters("block" + b + ".down", HIDDEN, WIDTH, true);
    }
    normParameters("out.norm", WIDTH);
    linearParameters("out", WIDTH, CodeNetwork.CODE, true);
  }

  /** Whether weights with these parameter names are a prior's (rather than a UNet's). */
  static boolean prior(java.util.List<String> parameterNames) {
    return parameterNames.contains("block0.up.weight");
  }

  @Override
  public Shape inputShape(int batch) {
    return new Shape(batch, CodeNetwork.CODE, 1, 1);
  }

  /**
   * Sixteen: the MLP's passes cost about what reading its weights costs up to that many rows
   * (measured on the 2-core VM: 3.9 ms for 2 rows, 3.9 for 8, 4.8 for 16, 6.7 for 32), so a 4x4
   * grid's 32 rows take two passes where two-row passes took sixteen.
   */
  @Override
  public int rowsPerPass() {
    return 16;
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
        macs += p.getArray().getShape().size();
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
    NDArray h = f.linear("in", x.reshape(b, CodeNetwork.CODE));
    for (int k = 0; k < BLOCKS; k++) {
      String name = "block" + k;
      NDArray a = f.linear(name + ".up", layerNorm(f, name + ".norm", h)).add(f.linear(name + ".cond", c));
      h = h.add(f.linear(name + ".down", DiffusionNetwork.silu(a)));
    }
    return new NDList(f.linear("out", layerNorm(f, "out.norm", h)).reshape(inputShape((int) b)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /** Layer norm over the features. */
  private static NDArray layerNorm(Pass f, String name, NDArray x) {
    NDArray centred = x.sub(x.mean(new int[] {1}, true));
    NDArray spread = centred.square().mean(new int[] {1}, true).add(1e-5f).sqrt();
    return centred.div(spread).mul(f.p(name + ".gamma")).add(f.p(name + ".beta"));
  }
}
