package workbench.generation;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * {@code diffusion}: the art process of a Stable Diffusion generator. The latent starts as the
 * seed's static ({@link SeedStatic#latent}, never the engine's RNG) and each loop step is one
 * DDIM step with classifier-free guidance: the schedule's steps are the sampler's steps, so
 * progress, previews and the check output's scores come at every step, as for the other
 * processes. The negative terms of the weighted prompt are the negative conditioning, the
 * positive terms' weights scale their tokens' text embeddings.
 *
 * <p>The conditioning is the generator's own (its text encoder), not the checker's, so it is
 * made here from the batch's recipes rather than taken from {@code LoopBatch.condition}; it is
 * remade each step, which costs one text-encoder pass beside the UNet's two.
 */
final class DiffusionArtProcess implements ArtProcess {

  static final String NAME = "diffusion";
  static final String GUIDANCE = "guidance";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Stable Diffusion sampling (DDIM) with classifier-free guidance: needs a diffusion model";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of(GUIDANCE, 7.5);
  }

  /** One stage: the sampler's own timesteps already go from coarse to fine. */
  @Override
  public Schedule defaultSchedule(int steps) {
    return new Schedule(steps, List.of(new Stage(0, Map.of(GUIDANCE, 7.5))), 0);
  }

  @Override
  public void step(LoopBatch.Step step, int stepNumber) {
    var batch = step.batch();
    double guidance = batch.schedule.stageAt(stepNumber).setting(GUIDANCE, batch.models.defaultGuidance());
    NDArray condition = batch.models.diffusionCondition(step.scope(), batch.recipes);
    batch.models.denoise(step.scope(), batch.z, batch.live, condition, stepNumber, batch.schedule.steps(), guidance);
  }
}
