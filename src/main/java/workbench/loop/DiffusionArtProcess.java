package workbench.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.Set;
import workbench.model.DiffusionSampler;
import workbench.model.Gradients;

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
public final class DiffusionArtProcess implements ArtProcess {

  public static final String NAME = "diffusion";
  public static final String DPMPP_2M = DiffusionSampler.DPMPP_2M;
  static final String GUIDANCE = "guidance";
  /** Checker guidance (as CLIP-guided diffusion): 0, the default, leaves it out. */
  static final String CHECKER_GUIDANCE = "checker_guidance";
  /**
   * Guidance off the scene code's main directions, where the guidance setting moves the layout
   * (the built-in model's {@link workbench.model.CodeDirections}); unset, the model's own share of
   * the guidance (5 at the default 3). Other models have one guidance and ignore it.
   */
  static final String DETAIL_GUIDANCE = "detail_guidance";

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
  public boolean hasClassifierFreeGuidance() {
    return true;
  }

  @Override
  public String name() {
    return name;
  }

  /** DDIM runs on both diffusion generators; DPM-Solver++ on the built-in one (the registry's models bring their own DDIM scheduler). */
  @Override
  public Set<Generator> runsOn() {
    return sampler.equals(DiffusionSampler.DDIM)
        ? Set.of(Generator.SKETCHBOOK_DIFFUSION, Generator.REGISTRY_DIFFUSION)
        : Set.of(Generator.SKETCHBOOK_DIFFUSION);
  }

  /** One denoiser row per term of non-zero weight plus the unconditional one, then the checker on the predicted image. */
  @Override
  public long flopsPerStep(LoopModels models, Recipe recipe) {
    long rows = 1 + recipe.terms().stream().filter(t -> t.weight() != 0).count();
    return rows * models.diffusionFlopsPerImage() + models.checkerFlopsPerImage();
  }


  @Override
  public String description() {
    // What the built-in model can do is the model card's to say; here only what a user should expect.
    String caveat = " (the built-in Sketchbook model draws soft shapes: place, count and colour come out"
        + " more often than the object's exact shape; its model card says what it cannot do)";
    return sampler.equals(DiffusionSampler.DDIM)
        ? "diffusion sampling, one DDIM step per loop step, with classifier-free guidance" + caveat
        : "diffusion sampling, one DPM-Solver++ 2M step per loop step, with classifier-free guidance" + caveat;
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of(GUIDANCE, 7.5, CHECKER_GUIDANCE, 0.0);
  }

  /** One stage: the sampler's own timesteps already go from coarse to fine. */
  @Override
  public Schedule defaultSchedule(int steps) {
    return new Schedule(steps, List.of(new Stage(0, Map.of(GUIDANCE, defaults().get(GUIDANCE)))), 0);
  }

  @Override
  public void step(LoopBatch.Step step, int stepNumber) {
    var batch = step.batch();
    double guidance = batch.schedule.stageAt(stepNumber).setting(GUIDANCE, batch.models.defaultGuidance());
    if (batch.models.pixelDiffusion(name)) {
      double checkerScale = batch.schedule.stageAt(stepNumber).setting(CHECKER_GUIDANCE, 0);
      double detail = batch.schedule.stageAt(stepNumber).setting(DETAIL_GUIDANCE, batch.models.detailGuidance(guidance));
      batch.models.pixelStep(batch.z, batch.live, batch.recipes, stepNumber, batch.schedule.steps(), guidance, detail,
          sampler,
          checkerScale > 0 ? (items, x, v, t) -> checkerGuidance(step, items, x, v, t, checkerScale) : null);
      return;
    }
    NDArray condition = batch.models.diffusionCondition(step.scope(), batch.recipes, stepNumber,
        batch.schedule.steps());
    batch.models.denoise(step.scope(), batch.z, batch.live, condition, stepNumber, batch.schedule.steps(), guidance);
  }

  /**
   * Checker guidance: the gradient of each item's weighted checker score with respect to the
   * model's clean-image prediction, scaled to unit RMS (g), changes v to {@code v - scale * g};
   * as {@code x0 = alpha x - sigma v}, the clean image moves up the score by {@code sigma * scale}
   * (RMS), a push that shrinks with the noise, as classifier guidance's does.
   */
  private static void checkerGuidance(LoopBatch.Step step, int[] items, float[][] x, float[][] v, double t,
      double scale) {
    var batch = step.batch();
    int values = x[0].length;
    float a = (float) DiffusionSampler.alpha(t);
    float s = (float) DiffusionSampler.sigma(t);
    // One item at a time, against its own terms only: a cell's image must not depend on its
    // batch, and the engine's sums over a batch (or over other items' terms) round differently.
    for (int k = 0; k < x.length; k++) {
      var clean = new float[values];
      for (int j = 0; j < values; j++) {
        clean[j] = a * x[k][j] - s * v[k][j];
      }
      int item = items[k];
      // The gradient with respect to the state: the image itself, or the latent the decoder draws.
      float[] gradient = Gradients.collect(step.scope(), collector -> {
        NDArray state = step.scope().create(clean, new Shape(1, values));
        state.setRequiresGradient(true);
        NDArray images = batch.models.diffusionImages(state);
        collector.backward(batch.ownWeightedScore(batch.models.imageEmbeddings(images), item));
        return state.getGradient().toFloatArray();
      });
      double squares = 0;
      for (float g : gradient) {
        squares += (double) g * g;
      }
      double rms = Math.sqrt(squares / values) + 1e-12;
      for (int j = 0; j < values; j++) {
        v[k][j] -= (float) (scale * gradient[j] / rms);
      }
    }
  }
}
