/** Sign-in page and the admin page (users, roles, audit). */
@NullMarked
package workbench.account.ui;

import org.jspecify.annotations.NullMarked;
