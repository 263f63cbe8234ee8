/** The Admin page: lays out the panels that account (users, audit) and generation (workers, models) own. */
@NullMarked
package workbench.admin.ui;

import org.jspecify.annotations.NullMarked;
