package workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.IOException;
import workbench.sketchbook.Sketchbook;

/**
 * The Sketchbook's image autoencoder: a 64x64 render to a 16x16 grid of {@link #latent} numbers
 * a cell ({@link #LATENT} unless trained wider) and back, so the diffusion model works where an
 * object is a few cells (Stable Diffusion's latent space, in miniature).
 *
 * <p>Trained on renders only, with static added to the latent before decoding: the decoder
 * learns to draw crisp flat-coloured shapes from a code that is a little off, which is what a
 * diffusion sampler hands it. The latent is bounded by tanh, so its scale is known before the
 * diffusion model is trained on it. Both halves work on 4x4 patches folded into channels (as
 * {@link DiffusionNetwork} does): full-resolution convolutions are slow on these CPUs.
 *
 * <p>Inputs of {@link #forwardInternal}: images (b, 3, 64, 64) in [-1, 1]; output: the
 * reconstruction. {@link #encode} and {@link #decode} are the halves.
 */
final class AutoencoderNetwork extends OwnParametersBlock {

  /** Numbers per latent cell of the shipped autoencoder; {@code train --latent-channels} trains a wider one. */
  static final int LATENT = 4;
  static final int CELLS = Sketchbook.IMAGE_SIZE / DiffusionNetwork.PATCH;
  static final int WIDTH = 64;
  /** Residual blocks of the encoder; the decoder, which must draw, has two more. */
  static final int BLOCKS = 1;
  /** Static added to the latent before decoding while training (the latent lies in [-1, 1]). */
  static final float LATENT_NOISE = 0.1f;

  /** Numbers per latent cell: the weights file says how many ({@link #channelsOf}). */
  final int latent;

  AutoencoderNetwork() {
    this(LATENT);
  }

  AutoencoderNetwork(int latent) {
    if (latent < 1) {
      throw new IllegalArgumentException("latent channels must be at least 1, not " + latent);
    }
    this.latent = latent;
    int folded = 3 * DiffusionNetwork.PATCH * DiffusionNetwork.PATCH;
    convParameters("enc.in", folded, WIDTH, 3, false);
    for (int b = 0; b < BLOCKS; b++) {
      residualParameters("enc." + b, WIDTH);
    }
    normParameters("enc.norm", WIDTH);
    convParameters("enc.out", WIDTH, latent, 3, false);
    convParameters("dec.in", latent, WIDTH, 3, false);
    for (int b = 0; b < BLOCKS + 2; b++) {
      residualParameters("dec." + b, WIDTH);
    }
    normParameters("dec.norm", WIDTH);
    convParameters("dec.out", WIDTH, folded, 3, false);
  }

  static Shape imageShape(int batch) {
    return DiffusionNetwork.imageShape(batch);
  }

  Shape latentShape(int batch) {
    return new Shape(batch, latent, CELLS, CELLS);
  }

  /** Values of one latent: latent x 16 x 16. */
  int latentValues() {
    return latent * CELLS * CELLS;
  }

  /** The latent channels of the autoencoder whose weights these are (its encoder's last convolution's outputs). */
  static int channelsOf(byte[] weights) throws IOException {
    long[] shape = HalfWeights.shapes(weights).get("enc.out.bias");
    if (shape == null || shape.length != 1) {
      throw new IOException("not an autoencoder's weights: no enc.out.bias of one dimension");
    }
    return Math.toIntExact(shape[0]);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> unused) {
    NDArray x = inputs.get(0);
    NDArray z = encode(store, x, training);
    if (training) {
      z = z.add(x.getManager().randomNormal(z.getShape()).mul(LATENT_NOISE));
    }
    return new NDList(decode(store, z, training));
  }

  /** Images (b, 3, 64, 64) in [-1, 1] to latents (b, latent, 16, 16) in [-1, 1]. */
  NDArray encode(ParameterStore store, NDArray x, boolean training) {
    var f = new Pass(store, x.getDevice(), training);
    NDArray h = f.conv("enc.in", DiffusionNetwork.unfold(x), 1);
    for (int b = 0; b < BLOCKS; b++) {
      h = f.residual("enc." + b, h);
    }
    return f.conv("enc.out", DiffusionNetwork.silu(f.groupNorm("enc.norm", h)), 1).tanh();
  }

  /** Latents (b, latent, 16, 16) to images (b, 3, 64, 64) in about [-1, 1]. */
  NDArray decode(ParameterStore store, NDArray z, boolean training) {
    var f = new Pass(store, z.getDevice(), training);
    NDArray h = f.conv("dec.in", z, 1);
    for (int b = 0; b < BLOCKS + 2; b++) {
      h = f.residual("dec." + b, h);
    }
    h = f.conv("dec.out", DiffusionNetwork.silu(f.groupNorm("dec.norm", h)), 1);
    return DiffusionNetwork.fold(h, z.getShape().get(0));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
