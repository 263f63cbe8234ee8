package workbench.run;

import java.util.UUID;

/** A run left the loop: done, cancelled or failed. */
public record RunFinished(UUID runId, RunStatus status) {}
