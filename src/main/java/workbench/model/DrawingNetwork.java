package workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The whole way from a render to its scene code and back to pixels, for tuning the two decoders
 * together ({@link CodeTraining#tuneDecoders}): the encoders are frozen (the diffusion prior's
 * codes stay valid), the code's decoder and the autoencoder's decoder learn to draw crisp
 * shapes from a code, rather than the autoencoder's decoder drawing the blurred latent the
 * code's decoder hands it.
 */
final class DrawingNetwork extends AbstractBlock {

  final CodeNetwork code;
  final AutoencoderNetwork autoencoder;

  /** Over an autoencoder with {@code latent} numbers a cell and its code. */
  DrawingNetwork(int latent) {
    super((byte) 1);
    code = addChildBlock("code", new CodeNetwork(latent));
    autoencoder = addChildBlock("autoencoder", new AutoencoderNetwork(latent));
  }

  /** Freezes both encoders: what they compute must not change under the prior trained on it. */
  void freezeEncoders() {
    for (var block : new AbstractBlock[] {code, autoencoder}) {
      for (var p : block.getParameters().values()) {
        if (p.getName().startsWith("enc.")) {
          p.freeze(true);
        }
      }
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> unused) {
    NDArray z = code.encode(store, autoencoder.encode(store, inputs.get(0), false), false).stopGradient();
    if (training) {
      z = z.add(z.getManager().randomNormal(z.getShape()).mul(CodeNetwork.CODE_NOISE));
    }
    return new NDList(autoencoder.decode(store, code.decode(store, z, training), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long b = inputShapes[0].get(0);
    code.initialize(manager, dataType, code.latentShape((int) b));
    autoencoder.initialize(manager, dataType, inputShapes[0]);
  }
}
