package workbench.run.internal;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import workbench.loop.ArtProcess;
import workbench.loop.ArtProcesses;
import workbench.loop.LoopModels;
import workbench.model.ModelSource;
import workbench.model.registry.ModelManifest;
import workbench.model.registry.ModelRegistry;
import workbench.run.ModelChoice;

/**
 * The loop's models for the app: the built-in Sketchbook pair, and the custom models of the
 * {@code workbench.models.dir} folder (its registry, scanned at start). Models load on first use
 * (the web app starts without waiting for them), then are shared by every run until shutdown
 * closes them. The Sketchbook pair loads on the device of {@code workbench.generation.device}:
 * {@code cpu} (the default), {@code gpu} / {@code gpu1} (a CUDA build of PyTorch, see the
 * README), or {@code auto} (whatever DJL's engine finds); a custom model on the device its
 * manifest names.
 */
@Component
public class ModelHolder implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ModelHolder.class);

  private final String device;
  private final ModelRegistry registry;
  private final Map<String, LoopModels> pairs = new ConcurrentHashMap<>();
  private volatile LoopModels models;

  ModelHolder(@Value("${workbench.generation.device:cpu}") String device, @Value("${workbench.models.dir:}") String modelsDir) {
    this.device = device;
    this.registry = modelsDir.isBlank() ? ModelRegistry.empty() : ModelRegistry.scan(Path.of(modelsDir));
    if (!modelsDir.isBlank()) {
      log.info("Custom models in {}: {}", Path.of(modelsDir).toAbsolutePath(),
          registry.entries().stream().map(e -> e.id() + " (" + e.manifest().kind() + ")").toList());
    }
    registry.problems().forEach(problem -> log.warn("Model left out: {}", problem));
  }

  /** The built-in Sketchbook pair. */
  public LoopModels get() {
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

  /** The pair a model id names; empty = the built-in one. */
  public LoopModels get(String modelId) {
    if (modelId.isBlank() || modelId.equals(LoopModels.SKETCHBOOK)) {
      return get();
    }
    var sketchbook = get();
    synchronized (this) {
      // computeIfAbsent would hold a map lock while models load; loads are rare, so one lock.
      var pair = pairs.get(modelId);
      if (pair == null) {
        pair = LoopModels.pair(modelId, registry, sketchbook);
        pairs.put(modelId, pair);
      }
      return pair;
    }
  }

  /**
   * What the pickers offer: the built-in pair, the Sketchbook prior with each custom checker,
   * then each custom generator with each checker.
   */
  public List<ModelChoice> choices() {
    var out = new ArrayList<ModelChoice>();
    out.add(new ModelChoice(LoopModels.SKETCHBOOK, "Sketchbook (built-in)", get().processes()));
    for (var checker : registry.checkers()) {
      out.add(new ModelChoice(LoopModels.SKETCHBOOK + "+" + checker.id(),
          "Sketchbook generator scored by " + checker.manifest().name(),
          ArtProcesses.runningOn(ArtProcess.Generator.SKETCHBOOK_PRIOR)));
    }
    var checkers = new ArrayList<String>(registry.checkers().stream().map(ModelRegistry.Entry::id).toList());
    checkers.add(LoopModels.SKETCHBOOK);
    for (var generator : registry.generators()) {
      for (var checker : checkers) {
        out.add(new ModelChoice(generator.id() + "+" + checker,
            generator.manifest().name() + " scored by " + checkerName(checker),
            ArtProcesses.runningOn(ArtProcess.Generator.REGISTRY_DIFFUSION)));
      }
    }
    return out;
  }

  private String checkerName(String id) {
    return id.equals(LoopModels.SKETCHBOOK) ? "the Sketchbook checker" : registry.entry(id, ModelManifest.CHECKER).manifest().name();
  }

  /** Folders of the models folder that were left out, and why. */
  public List<String> problems() {
    return registry.problems();
  }

  /** The models if something has loaded them already (a heartbeat must not load them). */
  public Optional<LoopModels> loaded() {
    return Optional.ofNullable(models);
  }

  /** The device asked for, as DJL names it, before the models are loaded. */
  public String configuredDevice() {
    return device;
  }

  private Device device() {
    return "auto".equalsIgnoreCase(device) ? Engine.getInstance().defaultDevice() : Device.fromName(device);
  }

  @Override
  public synchronized void destroy() {
    pairs.clear();
    registry.close();
    if (models != null) {
      models.close();
    }
  }
}
