package workbench.generation;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import workbench.model.DiffusionSampler;

/**
 * {@code diffusion} (DDIM) and {@code dpmpp-2m} (DPM-Solver++ 2M): one sampler step of a
 * diffusion generator, with classifier-free guidance (the {@code guidance} setting, A1111's
 * CFG scale).
 *
 * <p>On the built-in Sketchbook diffusion model the latent is the image itself, starting as the
 * seed's Gaussian static; each recipe term gets its own prediction, combined by the terms'
 * weights (composable diffusion, see {@code SketchbookDiffusion}); the check output scores the
 * model's prediction of the clean image at every step.
 *
 * <p>On a Stable Diffusion generator of the registry: The latent starts as the
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
  static final String DPMPP_2M = DiffusionSampler.DPMPP_2M;
  static final String GUIDANCE = "guidance";

  private final String name;
  private final String sampler;

  private DiffusionArtProcess(String name, String sampler) {
    this.name = name;
    this.sampler = sampler;
  }

  static DiffusionArtProcess ddim() {
    return new DiffusionArtProcess(NAME, DiffusionSampler.DDIM);
  }

  static DiffusionArtProcess dpmSolver() {
    return new DiffusionArtProcess(DPMPP_2M, DiffusionSampler.DPMPP_2M);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return sampler.equals(DiffusionSampler.DDIM)
        ? "diffusion sampling, one DDIM step per loop step, with classifier-free guidance"
            + " (the built-in Sketchbook model is still in training: its images are not yet readable)"
        : "diffusion sampling, one DPM-Solver++ 2M step per loop step, with classifier-free guidance"
            + " (the built-in Sketchbook model is still in training: its images are not yet readable)";
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
    if (batch.models.pixelDiffusion(name)) {
      batch.models.pixelStep(batch.z, batch.live, batch.recipes, stepNumber, batch.schedule.steps(), guidance, sampler);
      return;
    }
    NDArray condition = batch.models.diffusionCondition(step.scope(), batch.recipes, stepNumber,
        batch.schedule.steps());
    batch.models.denoise(step.scope(), batch.z, batch.live, condition, stepNumber, batch.schedule.steps(), guidance);
  }
}
