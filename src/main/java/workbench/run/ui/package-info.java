/** Generate page: form, live progress, score chart, queue; the model list of the Admin page. */
@NamedInterface("run-views")
@NullMarked
package workbench.run.ui;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
