package workbench.model.registry;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import workbench.model.CpuKernels;
import workbench.model.ModelLoadException;
import workbench.model.NativeMemory;

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
    NativeMemory.tune();
    CpuKernels.guard();
    Model model = Model.newInstance(entry.id() + "-" + role, device, "PyTorch");
    try {
      // Loaded as ordinary tensors (DJL's default loads inference tensors, which autograd
      // refuses), then frozen: guidance needs gradients through the model, never of its weights.
      model.load(file, null, Map.of("trainParam", "true"));
      var block = (PtSymbolBlock) model.getBlock();
      block.freezeParameters(true);
      return new TorchScript(model, block, entry.id() + " " + role + " (" + file + ")");
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new ModelLoadException("model folder " + entry.folder().toAbsolutePath() + ": files." + role + " "
          + file.getFileName() + " is not a TorchScript file DJL's PyTorch engine can load: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code method} on tensors; the result (one tensor) lives in {@code scope}. Inside a
   * gradient collector (guidance through the model) it runs with autograd on, else without.
   */
  NDArray call(NDManager scope, String method, NDArray... inputs) {
    if (JniUtils.isGradMode()) {
      return callWithGradients(scope, method, inputs);
    }
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

  /** DJL runs a named method with autograd only through its NDList call, marked by an array's name. */
  private NDArray callWithGradients(NDManager scope, String method, NDArray... inputs) {
    var list = new NDList(inputs);
    if (!method.equals("forward")) {
      NDArray marker = scope.create(0f);
      marker.setName("module_method:" + method);
      list.add(marker);
    }
    try {
      NDArray out = IValueUtils.forward(block, list, true).singletonOrThrow();
      out.attach(scope);
      return out;
    } catch (RuntimeException e) {
      throw new ModelLoadException(describe + ": " + method + " failed: " + e.getMessage(), e);
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
