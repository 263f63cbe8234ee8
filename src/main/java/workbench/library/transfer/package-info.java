/** Library files: the workbench's own JSON (full fidelity) and A1111's styles.csv. */
@NullMarked
package workbench.library.transfer;

import org.jspecify.annotations.NullMarked;
