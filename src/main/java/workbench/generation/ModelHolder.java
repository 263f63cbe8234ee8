package workbench.generation;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import workbench.model.ModelSource;

/**
 * The loop's models for the app: loaded on first use (the web app starts without waiting for
 * them), then shared by every run until shutdown closes them. They load on the device of
 * {@code workbench.generation.device}: {@code cpu} (the default), {@code gpu} / {@code gpu1}
 * (a CUDA build of PyTorch, see the README), or {@code auto} (whatever DJL's engine finds).
 */
@Component
class ModelHolder implements DisposableBean {

  private final String device;
  private volatile LoopModels models;

  ModelHolder(@Value("${workbench.generation.device:cpu}") String device) {
    this.device = device;
  }

  LoopModels get() {
    var m = models;
    if (m == null) {
      synchronized (this) {
        if (models == null) {
          models = LoopModels.load(ModelSource.classpath(), device());
        }
        m = models;
      }
    }
    return m;
  }

  /** The models if something has loaded them already (a heartbeat must not load them). */
  Optional<LoopModels> loaded() {
    return Optional.ofNullable(models);
  }

  /** The device asked for, as DJL names it, before the models are loaded. */
  String configuredDevice() {
    return device;
  }

  private Device device() {
    return "auto".equalsIgnoreCase(device) ? Engine.getInstance().defaultDevice() : Device.fromName(device);
  }

  @Override
  public synchronized void destroy() {
    if (models != null) {
      models.close();
    }
  }
}
