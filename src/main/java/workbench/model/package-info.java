/** DJL networks (checker, generator prior), their training, evaluation, registry and loading. */
@NullMarked
package workbench.model;

import org.jspecify.annotations.NullMarked;
