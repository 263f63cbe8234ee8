/**
 * DJL networks (checker, generator prior, diffusion model and the image autoencoder whose latents
 * it can denoise, judge), their training, evaluation and loading; the
 * registry of custom TorchScript models (CLIP, Stable Diffusion) is in {@code model.registry}.
 */
@ApplicationModule(allowedDependencies = {"prompt", "sketchbook", "shared"})
@NullMarked
package workbench.model;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
