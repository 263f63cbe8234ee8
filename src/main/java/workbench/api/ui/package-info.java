/** The API tokens page: a signed-in user makes, lists and revokes their own tokens. */
@NullMarked
package workbench.api.ui;

import org.jspecify.annotations.NullMarked;
