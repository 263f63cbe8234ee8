/**
 * Bring-your-own models: every folder under {@code workbench.models.dir} with a {@code model.json}
 * manifest is a checker (a CLIP exported as TorchScript) or a generator (Stable Diffusion's text
 * encoder, UNet and VAE decoder as TorchScript). The {@link workbench.model.registry.ModelRegistry}
 * finds them, checks their manifests and files (sha256), and loads each once, on the device its
 * manifest asks for; it closes them on shutdown.
 */
@NamedInterface("registry")
@NullMarked
package workbench.model.registry;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
