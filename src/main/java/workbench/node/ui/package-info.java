/** The Admin page's list of the deployment's nodes and what each is running. */
@NamedInterface("node-views")
@NullMarked
package workbench.node.ui;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
