/**
 * Runs of the loop as the workbench keeps them: {@link workbench.run.GenerationService} queues,
 * reads, cancels and deletes runs with the caller's rights, {@link workbench.run.RecipeRecall}
 * turns a PNG back into a recipe, and {@link workbench.run.RunEvents} tells the pages what a
 * worker did (on this node or another). How it is done lives in {@code internal}: the store, the
 * queued job, the loaded models and the database notifications; the generate pages live in
 * {@code ui}.
 */
@NullMarked
package workbench.run;

import org.jspecify.annotations.NullMarked;
