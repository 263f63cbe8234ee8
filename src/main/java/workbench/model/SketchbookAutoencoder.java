package workbench.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * The loaded image autoencoder ({@link AutoencoderNetwork}): renders to latents for training the
 * diffusion model, latents to images for every picture the diffusion model draws. Loaded once;
 * each call works in its own NDManager scope.
 */
public final class SketchbookAutoencoder implements AutoCloseable {

  public static final String WEIGHTS = "autoencoder.params";
  private final Model model;
  private final AutoencoderNetwork network;

  private SketchbookAutoencoder(Model model, AutoencoderNetwork network) {
    this.model = model;
    this.network = network;
  }

  public static SketchbookAutoencoder load(ModelSource source, Device device) {
    byte[] bytes = source.readVerified(source.card(), WEIGHTS);
    CpuKernels.guard();
    Model model = Model.newInstance(WEIGHTS, device);
    try {
      // The weights say how many numbers a latent cell has (4 shipped; wider ones are trained with --latent-channels).
      var network = new AutoencoderNetwork(AutoencoderNetwork.channelsOf(bytes));
      model.setBlock(network);
      network.initialize(model.getNDManager(), DataType.FLOAT32, AutoencoderNetwork.imageShape(1));
      network.freezeParameters(true);
      HalfWeights.read(network, bytes, model.getNDManager());
      return new SketchbookAutoencoder(model, network);
    } catch (Exception e) {
      model.close();
      throw new ModelLoadException("cannot load model file " + source.describe(WEIGHTS) + ": " + e.getMessage(), e);
    }
  }

  /** Numbers per latent cell. */
  public int channels() {
    return network.latent;
  }

  /** Values of one latent: channels x 16 x 16. */
  public int latentValues() {
    return network.latentValues();
  }

  Shape latentShape(int batch) {
    return network.latentShape(batch);
  }

  /** Latents (b, channels, 16, 16) of images (b, 3, 64, 64) in [-1, 1], in the caller's scope. */
  NDArray encode(NDArray images) {
    return network.encode(new ParameterStore(images.getManager(), false), images, false);
  }

  /** Images (b, 3, 64, 64) of latents, in the caller's scope. */
  NDArray decode(NDArray latents) {
    return network.decode(new ParameterStore(latents.getManager(), false), latents, false);
  }

  /** One latent ({@link #latentValues}) to its image's PIXELS values in about [-1, 1]. */
  public float[] decode(float[] latent) {
    try (NDManager scope = model.getNDManager().newSubManager()) {
      return decode(scope.create(latent, network.latentShape(1))).toFloatArray();
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
