/** Prompt libraries: prompts, immutable versions, tags, notes, search, JSON and styles.csv import/export. */
@NullMarked
package workbench.library;

import org.jspecify.annotations.NullMarked;
