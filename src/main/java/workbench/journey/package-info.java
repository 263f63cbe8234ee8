/**
 * A run's journey through the loop, for wiki pages: its snapshots from the starting seed image
 * to image done as a labelled filmstrip PNG (carrying the recipe), an animated GIF, and the
 * wikitext and Markdown that embed both with a caption in the seed page's words. Reads runs
 * through {@code GenerationService} only.
 */
@NullMarked
package workbench.journey;

import org.jspecify.annotations.NullMarked;
