package workbench.model.registry;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import workbench.model.ModelLoadException;

/**
 * One TorchScript file loaded through DJL's PyTorch engine, and calls of its methods
 * ({@code forward}, or an exported one such as CLIP's {@code encode_image}). Every call makes its
 * own IValues and closes them; results belong to the caller's scope.
 */
final class TorchScript implements AutoCloseable {

  private final Model model;
  private final PtSymbolBlock block;
  private final String describe;

  private TorchScript(Model model, PtSymbolBlock block, String describe) {
    this.model = model;
    this.block = block;
    this.describe = describe;
  }

  static TorchScript load(ModelRegistry.Entry entry, String role, Device device) {
    Path file = entry.manifest().file(entry.folder(), role);
    Model model = Model.newInstance(entry.id() + "-" + role, device, "PyTorch");
    try {
      // Only inference: the weights need no gradients (the engine then keeps no graph).
      model.load(file, null, Map.of("trainParam", "false"));
      return new TorchScript(model, (PtSymbolBlock) model.getBlock(), entry.id() + " " + role + " (" + file + ")");
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new ModelLoadException("model folder " + entry.folder().toAbsolutePath() + ": files." + role + " "
          + file.getFileName() + " is not a TorchScript file DJL's PyTorch engine can load: " + e.getMessage(), e);
    }
  }

  /** Runs {@code method} on tensors; the result (one tensor) lives in {@code scope}. */
  NDArray call(NDManager scope, String method, NDArray... inputs) {
    var values = new IValue[inputs.length];
    try {
      for (int i = 0; i < inputs.length; i++) {
        values[i] = IValue.from((PtNDArray) inputs[i]);
      }
      try (IValue out = method.equals("forward") ? IValueUtils.forward(block, values) : IValueUtils.runMethod(block, method, values)) {
        return out.toTensor((PtNDManager) scope);
      }
    } catch (ModelLoadException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModelLoadException(describe + ": " + method + " failed: " + e.getMessage(), e);
    } finally {
      for (var v : values) {
        if (v != null) {
          v.close();
        }
      }
    }
  }

  Device device() {
    return model.getNDManager().getDevice();
  }

  @Override
  public void close() {
    model.close();
  }
}
