/**
 * DJL networks (checker, generator prior, judge; the diffusion models: the default one over scene
 * codes, with the image autoencoder and the scene code that draw it, and the UNets over pixels or
 * latents), their training, evaluation and loading; the
 * registry of custom TorchScript models (CLIP, Stable Diffusion) is in {@code model.registry}.
 */
@ApplicationModule(allowedDependencies = {"prompt", "sketchbook", "shared"})
@NullMarked
package workbench.model;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
