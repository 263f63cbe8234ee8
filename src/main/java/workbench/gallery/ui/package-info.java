/** Gallery, run detail and compare pages. */
@NullMarked
package workbench.gallery.ui;

import org.jspecify.annotations.NullMarked;
