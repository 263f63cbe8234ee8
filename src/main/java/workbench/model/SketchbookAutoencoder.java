package workbench.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;

/**
 * The loaded image autoencoder ({@link AutoencoderNetwork}): renders to latents for training the
 * diffusion model, latents to images for every picture the diffusion model draws. Loaded once;
 * each call works in its own NDManager scope.
 */
public final class SketchbookAutoencoder implements AutoCloseable {

  public static final String WEIGHTS = "autoencoder.params";
  /** Values of one latent: LATENT x 16 x 16. */
  public static final int LATENT_VALUES = AutoencoderNetwork.LATENT * AutoencoderNetwork.CELLS * AutoencoderNetwork.CELLS;

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
      var network = new AutoencoderNetwork();
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

  /** Latents (b, LATENT, 16, 16) of images (b, 3, 64, 64) in [-1, 1], in the caller's scope. */
  NDArray encode(NDArray images) {
    return network.encode(new ParameterStore(images.getManager(), false), images, false);
  }

  /** Images (b, 3, 64, 64) of latents, in the caller's scope. */
  NDArray decode(NDArray latents) {
    return network.decode(new ParameterStore(latents.getManager(), false), latents, false);
  }

  /** One latent (LATENT_VALUES) to its image's PIXELS values in about [-1, 1]. */
  public float[] decode(float[] latent) {
    try (NDManager scope = model.getNDManager().newSubManager()) {
      return decode(scope.create(latent, AutoencoderNetwork.latentShape(1))).toFloatArray();
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
