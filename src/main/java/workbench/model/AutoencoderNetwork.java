package workbench.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import workbench.sketchbook.Sketchbook;

/**
 * The Sketchbook's image autoencoder: a 64x64 render to a 16x16 grid of {@link #LATENT} numbers
 * and back, so the diffusion model works where an object is a few cells (Stable Diffusion's
 * latent space, in miniature).
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
final class AutoencoderNetwork extends AbstractBlock {

  static final int LATENT = 4;
  static final int CELLS = Sketchbook.IMAGE_SIZE / DiffusionNetwork.PATCH;
  static final int WIDTH = 64;
  /** Residual blocks of the encoder; the decoder, which must draw, has two more. */
  static final int BLOCKS = 1;
  /** Static added to the latent before decoding while training (the latent lies in [-1, 1]). */
  static final float LATENT_NOISE = 0.1f;

  AutoencoderNetwork() {
    super((byte) 1);
    int folded = 3 * DiffusionNetwork.PATCH * DiffusionNetwork.PATCH;
    conv("enc.in", folded, WIDTH, 3, false);
    for (int b = 0; b < BLOCKS; b++) {
      residual("enc." + b);
    }
    norm("enc.norm");
    conv("enc.out", WIDTH, LATENT, 3, false);
    conv("dec.in", LATENT, WIDTH, 3, false);
    for (int b = 0; b < BLOCKS + 2; b++) {
      residual("dec." + b);
    }
    norm("dec.norm");
    conv("dec.out", WIDTH, folded, 3, false);
  }

  static Shape imageShape(int batch) {
    return DiffusionNetwork.imageShape(batch);
  }

  static Shape latentShape(int batch) {
    return new Shape(batch, LATENT, CELLS, CELLS);
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

  /** Images (b, 3, 64, 64) in [-1, 1] to latents (b, LATENT, 16, 16) in [-1, 1]. */
  NDArray encode(ParameterStore store, NDArray x, boolean training) {
    var f = new Forward(store, x.getDevice(), training);
    NDArray h = f.conv("enc.in", DiffusionNetwork.unfold(x));
    for (int b = 0; b < BLOCKS; b++) {
      h = f.residual("enc." + b, h);
    }
    return f.conv("enc.out", DiffusionNetwork.silu(f.norm("enc.norm", h))).tanh();
  }

  /** Latents (b, LATENT, 16, 16) to images (b, 3, 64, 64) in about [-1, 1]. */
  NDArray decode(ParameterStore store, NDArray z, boolean training) {
    var f = new Forward(store, z.getDevice(), training);
    NDArray h = f.conv("dec.in", z);
    for (int b = 0; b < BLOCKS + 2; b++) {
      h = f.residual("dec." + b, h);
    }
    h = f.conv("dec.out", DiffusionNetwork.silu(f.norm("dec.norm", h)));
    return DiffusionNetwork.fold(h, z.getShape().get(0));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    // Every parameter is this block's own, with its shape known at construction.
  }

  private void conv(String name, int in, int out, int kernel, boolean zero) {
    add(name + ".weight", new Shape(out, in, kernel, kernel), zero ? Initializer.ZEROS : new XavierInitializer());
    add(name + ".bias", new Shape(out), Initializer.ZEROS);
  }

  private void norm(String name) {
    add(name + ".gamma", new Shape(WIDTH), Initializer.ONES);
    add(name + ".beta", new Shape(WIDTH), Initializer.ZEROS);
  }

  private void residual(String name) {
    norm(name + ".norm1");
    conv(name + ".conv1", WIDTH, WIDTH, 3, false);
    norm(name + ".norm2");
    conv(name + ".conv2", WIDTH, WIDTH, 3, true);
  }

  private void add(String name, Shape shape, Initializer initializer) {
    addParameter(Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
        .optShape(shape).optInitializer(initializer).build());
  }

  private final class Forward {
    private final ParameterStore store;
    private final Device device;
    private final boolean training;

    Forward(ParameterStore store, Device device, boolean training) {
      this.store = store;
      this.device = device;
      this.training = training;
    }

    NDArray p(String name) {
      return store.getValue(parameters.get(name), device, training);
    }

    NDArray conv(String name, NDArray x) {
      NDArray w = p(name + ".weight");
      long k = w.getShape().get(2);
      return Conv2d.conv2d(x, w, p(name + ".bias"), new Shape(1, 1), new Shape(k / 2, k / 2)).singletonOrThrow();
    }

    NDArray norm(String name, NDArray x) {
      return DiffusionNetwork.groupNorm(x, p(name + ".gamma"), p(name + ".beta"));
    }

    NDArray residual(String name, NDArray x) {
      NDArray h = conv(name + ".conv1", DiffusionNetwork.silu(norm(name + ".norm1", x)));
      h = conv(name + ".conv2", DiffusionNetwork.silu(norm(name + ".norm2", h)));
      return x.add(h);
    }
  }
}
