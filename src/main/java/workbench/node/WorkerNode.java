package workbench.node;

import java.time.Instant;
import java.util.List;

/**
 * One instance of the deployment as its last heartbeat described it.
 *
 * @param device where its models run ({@code cpu()}, {@code gpu(0)}), or the device asked for
 *     while they are not loaded yet
 * @param modelId the models it loaded; empty until it has
 * @param threads jobs it runs at once (0 for a {@code ui} node)
 * @param running what it is running now: a grid's cells or single runs
 * @param gone stopped, or silent for longer than the dead-worker timeout
 */
public record WorkerNode(String name, NodeRole role, String device, String modelId, int threads,
    List<String> running, Instant startedAt, Instant lastSeen, boolean gone) {

  public WorkerNode {
    running = List.copyOf(running);
  }
}
