/**
 * The loop of the seed page, free of Spring: {@link workbench.loop.SeedStatic starting seed
 * image}, art process ({@link workbench.loop.ArtProcess}, registered in
 * {@link workbench.loop.ArtProcesses}), check output ({@link workbench.loop.TermScores}), loop
 * ({@link workbench.loop.Schedule}, {@link workbench.loop.GenerationLoop}, batched by
 * {@link workbench.loop.LoopBatch}), image done ({@link workbench.loop.PostProcess}); the recipe
 * that fixes an image ({@link workbench.loop.Recipe}, {@link workbench.loop.RecipeFactory}), its
 * text form and the PNG text chunks that carry it, ours ({@link workbench.loop.PngMetadata}) or
 * another tool's ({@link workbench.loop.ForeignMetadata}).
 *
 * <p>A run names its models by one id ({@link workbench.loop.LoopModels}): the built-in
 * Sketchbook pair, whose prior is steered by the {@code guided} and {@code evolve} art processes
 * and whose diffusion model is the {@code diffusion} process, or a custom
 * {@code <generator>+<checker>} pair from {@code workbench.models.dir}. A diffusion generator is
 * not a new kind of loop but a new art process: each loop step is one sampler step, so progress,
 * previews, per-step scores, cancel, batching and storage are the loop's own. Storage, the queue
 * and the pages live in {@code run}, which calls this module; nothing here knows about them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"model", "model :: registry", "prompt", "sketchbook", "shared"})
@NullMarked
package workbench.loop;

import org.jspecify.annotations.NullMarked;
