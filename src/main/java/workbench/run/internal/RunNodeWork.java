package workbench.run.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import workbench.loop.LoopModels;
import workbench.node.NodeWork;
import workbench.run.GenerationLimits;
import workbench.run.RunGrouping;

/** This node's worker as the node module reports it: its name, threads, models and the runs it executes. */
@Component
class RunNodeWork implements NodeWork {

  private final RunJob.RunExecutor executor;
  private final ModelHolder models;
  private final RunStore store;
  private final GenerationLimits limits;
  private final List<RunGrouping> groupings;

  RunNodeWork(RunJob.RunExecutor executor, ModelHolder models, RunStore store, GenerationLimits limits,
      List<RunGrouping> groupings) {
    this.executor = executor;
    this.models = models;
    this.store = store;
    this.limits = limits;
    this.groupings = List.copyOf(groupings);
  }

  @Override
  public String name() {
    return executor.worker();
  }

  @Override
  public int threads() {
    return limits.workers();
  }

  @Override
  public List<UUID> running() {
    return executor.running();
  }

  @Override
  public void loadModels() {
    models.get();
  }

  @Override
  public String device() {
    return models.loaded().map(LoopModels::device).orElse(models.configuredDevice());
  }

  @Override
  public String modelId() {
    return models.loaded().map(LoopModels::modelId).orElse("");
  }

  @Override
  public List<String> describe(List<UUID> runIds) {
    if (runIds.isEmpty()) {
      return List.of();
    }
    var labels = new HashMap<UUID, String>();
    groupings.forEach(g -> labels.putAll(g.labels(runIds)));
    var groups = new TreeMap<String, Integer>();
    var singles = new ArrayList<String>();
    store.prompts(runIds).forEach((id, prompt) -> {
      var label = labels.get(id);
      if (label != null) {
        groups.merge(label, 1, Integer::sum);
      } else {
        singles.add("run " + id.toString().substring(0, 8) + " '"
            + (prompt.length() > 40 ? prompt.substring(0, 40) + "…" : prompt) + "'");
      }
    });
    var out = new ArrayList<String>();
    groups.forEach((group, cells) -> out.add(group + ": " + cells + (cells == 1 ? " cell" : " cells")));
    out.addAll(singles);
    return out;
  }
}
