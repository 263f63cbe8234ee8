/** Sign-in page, and the Admin page's users and audit panels (the page itself is workbench.admin.ui). */
@NamedInterface("account-views")
@NullMarked
package workbench.account.ui;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
