package workbench.node;

import java.util.List;
import java.util.UUID;

/**
 * What this node's worker is and is doing, for its heartbeat and the Admin page's list of nodes.
 * The module that executes runs implements it, so this module reports on runs without depending
 * on that module.
 */
public interface NodeWork {

  /** How this node signs the runs it executes ({@code workbench.generation.worker-name}). */
  String name();

  /** How many runs (or grid batches) this node executes at once. */
  int threads();

  /** Runs this node is executing now. */
  List<UUID> running();

  /** Loads the models now, so the first job does not wait for them. */
  void loadModels();

  /** The device the loaded models run on, or the configured one before they are loaded. */
  String device();

  /** The loaded models' id, empty before they are loaded. */
  String modelId();

  /**
   * Runs as the list of nodes names them: a group's runs as one entry ("grid 'Title': 4 cells"),
   * other runs each by id and prompt.
   */
  List<String> describe(List<UUID> runs);
}
