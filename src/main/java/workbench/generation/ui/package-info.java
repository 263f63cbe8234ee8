/** Generate page: form, live progress, score chart, queue. */
@NamedInterface("run-views")
@NullMarked
package workbench.generation.ui;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
