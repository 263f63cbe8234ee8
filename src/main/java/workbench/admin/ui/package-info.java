/** The Admin page: lays out the panels that account (users, audit), node (nodes) and run (models) own. */
@NullMarked
package workbench.admin.ui;

import org.jspecify.annotations.NullMarked;
