/**
 * Administration: a module of its own only so that the Admin page can compose the panels of
 * several features (account, node, run) without any of them depending on another through it.
 */
@NullMarked
package workbench.admin;

import org.jspecify.annotations.NullMarked;
