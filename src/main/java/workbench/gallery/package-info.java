/**
 * Everything the loop made, found again: the paged and filtered gallery, favourites, recall of
 * a recipe from a PNG, and the comparison of runs.
 */
@NullMarked
package workbench.gallery;

import org.jspecify.annotations.NullMarked;
