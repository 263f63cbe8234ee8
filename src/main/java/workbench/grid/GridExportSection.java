package workbench.grid;

import java.util.UUID;

/**
 * A section another feature adds to a grid's wikitext and Markdown exports (blind reviews add
 * their results), so the grid carries them without depending on that feature. Empty text
 * adds nothing.
 */
public interface GridExportSection {

  String wikitext(UUID gridId);

  String markdown(UUID gridId);
}
