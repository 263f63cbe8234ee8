package workbench.grid;

import java.time.Instant;
import java.util.UUID;

/** A stored experiment: its definition, and when it was made. */
public record Experiment(UUID id, ExperimentDefinition definition, Instant createdAt) {}
