/** The app shell: main layout with the side menu, shared components, the error view. */
@NullMarked
package workbench.ui;

import org.jspecify.annotations.NullMarked;
