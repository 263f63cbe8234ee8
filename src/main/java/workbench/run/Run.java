package workbench.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import workbench.loop.Recipe;
import workbench.loop.TermScores;

/**
 * A run as callers see it. Scores are 0–100 (empty until known); {@code terms} are the final
 * per-term scores.
 */
public record Run(
    UUID id,
    RunStatus status,
    Recipe recipe,
    long promptVersionId,
    int step,
    int steps,
    Optional<Double> scoreInitial,
    Optional<Double> scoreFinal,
    List<TermScores.TermScore> terms,
    String error,
    Instant createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt) {

  public Run {
    terms = List.copyOf(terms);
  }
}
