/**
 * Everything the loop made, found again: the paged and filtered gallery, favourites, and the
 * comparison of runs. (Recall of a recipe from a PNG is the run module's: the Generate
 * page uses it, and the gallery depends on run, never the other way.)
 */
@NullMarked
package workbench.gallery;

import org.jspecify.annotations.NullMarked;
