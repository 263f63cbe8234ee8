package workbench.journey;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import workbench.run.GenerationService;

/**
 * A run's journey for whoever may see the run's images (a public grid's cells for anyone):
 * the run and its snapshots, read through {@link GenerationService}, which checks access.
 */
@Service
public class JourneyService {

  private final GenerationService generation;

  JourneyService(GenerationService generation) {
    this.generation = generation;
  }

  /** Empty when there is no such run or the caller may not see it; a journey without snapshots otherwise. */
  public Optional<Journey> journey(UUID runId) {
    return generation.runForImages(runId).map(run -> new Journey(run, generation.snapshots(runId)));
  }
}
