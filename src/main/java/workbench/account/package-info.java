/**
 * Accounts: users and roles, sign-in (Spring Security with Vaadin), ownership and sharing
 * rules, per-user limits, and the audit trail.
 */
@NullMarked
package workbench.account;

import org.jspecify.annotations.NullMarked;
