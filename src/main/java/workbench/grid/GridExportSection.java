package workbench.grid;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A section another feature adds to a grid's wikitext, Markdown and JSON exports (blind
 * reviews add their results; a run's journey adds each cell's filmstrip to the ZIP), so the
 * grid carries them without depending on that feature.
 * Empty text, or an empty JSON map, adds nothing.
 */
public interface GridExportSection {

  String wikitext(UUID gridId);

  String markdown(UUID gridId);

  /**
   * One done cell's filmstrip (its loop from static to image done, as PNG) for a ZIP export
   * that asks for them; empty when this feature has none for the run.
   */
  default Optional<byte[]> cellFilmstrip(UUID runId) {
    return Optional.empty();
  }

  /** What the section adds under the JSON export's {@code "sections"}: name → value (written by Jackson). */
  default Map<String, Object> json(UUID gridId) {
    return Map.of();
  }
}
