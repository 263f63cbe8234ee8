/** Review pages: the list and new-review form, the blind one-item-at-a-time view, the results. */
@NullMarked
package workbench.review.ui;

import org.jspecify.annotations.NullMarked;
