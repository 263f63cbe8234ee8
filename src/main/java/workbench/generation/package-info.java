/**
 * The loop of the seed page: {@link workbench.generation.SeedStatic starting seed image},
 * art process, check output, loop ({@code Schedule}), image done ({@code PostProcess}); the
 * recipe that fixes an image, and the PNG text chunks that carry it; recall of a recipe from a
 * PNG, ours or another tool's ({@code RecipeRecall}, {@code ForeignMetadata}).
 *
 * <p>A run names its models by one id ({@link workbench.generation.LoopModels}): the built-in
 * Sketchbook pair, whose prior is steered by the {@code guided} and {@code evolve} art processes,
 * or a custom {@code <generator>+<checker>} pair from {@code workbench.models.dir}. A Stable
 * Diffusion generator is not a new kind of loop but a new art process, {@code diffusion}: each
 * loop step is one sampler step, so progress, previews, per-step scores, cancel, batching and
 * storage are the loop's own, unchanged; the checker of the pair scores every step.
 */
@NullMarked
package workbench.generation;

import org.jspecify.annotations.NullMarked;
