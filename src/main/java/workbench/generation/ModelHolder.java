package workbench.generation;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The loop's models for the app: loaded on first use (the web app starts without waiting for
 * them), then shared by every run until shutdown closes them.
 */
@Component
class ModelHolder implements DisposableBean {

  private volatile LoopModels models;

  LoopModels get() {
    var m = models;
    if (m == null) {
      synchronized (this) {
        if (models == null) {
          models = LoopModels.sketchbook();
        }
        m = models;
      }
    }
    return m;
  }

  @Override
  public synchronized void destroy() {
    if (models != null) {
      models.close();
    }
  }
}
