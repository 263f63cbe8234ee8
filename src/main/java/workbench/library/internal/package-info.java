/** Library persistence: JPA entities and repositories, used only by {@code LibraryService}. */
@NullMarked
package workbench.library.internal;

import org.jspecify.annotations.NullMarked;
