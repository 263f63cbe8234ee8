/** Generate page: form, live progress, score chart, queue. */
@NullMarked
package workbench.generation.ui;

import org.jspecify.annotations.NullMarked;
