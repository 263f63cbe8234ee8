/** Library pages: the list of libraries, one library's prompts, a prompt with its versions, search. */
@NullMarked
package workbench.library.ui;

import org.jspecify.annotations.NullMarked;
