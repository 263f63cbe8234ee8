/** Grid pages: the list and the new-grid form, the experiment page, its read-only permalink. */
@NullMarked
package workbench.grid.ui;

import org.jspecify.annotations.NullMarked;
