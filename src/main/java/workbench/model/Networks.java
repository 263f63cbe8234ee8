package workbench.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import workbench.sketchbook.Vocabulary;

/** Loads a network's parameters into a fresh DJL model, turning every failure into one naming the file. */
final class Networks {

  private Networks() {}

  static Model load(ModelSource source, ModelCard card, String file, Block network, Device device, Shape... shapes) {
    if (!card.vocabulary().equals(Vocabulary.words())) {
      throw new ModelLoadException("model card " + source.describe(ModelCard.FILE)
          + " was trained with another vocabulary than this build's Sketchbook");
    }
    byte[] bytes = source.readVerified(card, file);
    NativeMemory.tune();
    CpuKernels.guard();
    Model model = Model.newInstance(file, device);
    try {
      model.setBlock(network);
      network.initialize(model.getNDManager(), DataType.FLOAT32, shapes);
      network.loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(bytes)));
      // Inference only: no gradients are kept for weights (guidance takes gradients w.r.t. inputs).
      network.freezeParameters(true);
      return model;
    } catch (Exception e) {
      model.close();
      throw new ModelLoadException("cannot load model file " + source.describe(file) + ": " + e.getMessage(), e);
    }
  }
}
