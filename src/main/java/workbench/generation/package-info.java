/**
 * The loop of the seed page: {@link workbench.generation.SeedStatic starting seed image},
 * art process, check output, loop ({@code Schedule}), image done ({@code PostProcess}); the
 * recipe that fixes an image, and the PNG text chunks that carry it.
 */
@NullMarked
package workbench.generation;

import org.jspecify.annotations.NullMarked;
