package workbench.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;

/**
 * The loaded scene code ({@link CodeNetwork}): latents to codes for training the diffusion prior,
 * codes to latents for every picture the prior draws. Loaded once; each call works in the
 * caller's NDManager scope.
 */
public final class SketchbookCode implements AutoCloseable {

  public static final String WEIGHTS = "code.params";

  private final Model model;
  private final CodeNetwork network;

  private SketchbookCode(Model model, CodeNetwork network) {
    this.model = model;
    this.network = network;
  }

  public static SketchbookCode load(ModelSource source, Device device) {
    byte[] bytes = source.readVerified(source.card(), WEIGHTS);
    CpuKernels.guard();
    Model model = Model.newInstance(WEIGHTS, device);
    try {
      // The weights say how wide a latent the code folds: the autoencoder's beside it.
      var network = new CodeNetwork(CodeNetwork.channelsOf(bytes));
      model.setBlock(network);
      network.initialize(model.getNDManager(), DataType.FLOAT32, network.latentShape(1));
      network.freezeParameters(true);
      HalfWeights.read(network, bytes, model.getNDManager());
      return new SketchbookCode(model, network);
    } catch (Exception e) {
      model.close();
      throw new ModelLoadException("cannot load model file " + source.describe(WEIGHTS) + ": " + e.getMessage(), e);
    }
  }

  /** Numbers per cell of the latent the code folds. */
  int channels() {
    return network.latent;
  }

  /** Codes (b, CODE) of latents (b, channels, 16, 16), in the caller's scope. */
  NDArray encode(NDArray latents) {
    return network.encode(new ParameterStore(latents.getManager(), false), latents, false);
  }

  /** Latents (b, channels, 16, 16) of codes (b, CODE), in the caller's scope (differentiable with respect to the codes). */
  NDArray decode(NDArray codes) {
    return network.decode(new ParameterStore(codes.getManager(), false), codes, false);
  }

  @Override
  public void close() {
    model.close();
  }
}
