package workbench.model.registry;

/**
 * The DDIM sampler (Song et al. 2020, η = 0: deterministic), with Stable Diffusion 1.x's
 * settings as diffusers' {@code DDIMScheduler} has them: a "scaled linear" beta schedule
 * (betas = linspace(√betaStart, √betaEnd, T)²), timesteps {@code T/N·i + 1} from high to low
 * ({@code steps_offset = 1}), noise prediction ("epsilon"), and ᾱ₀ for the final step
 * ({@code set_alpha_to_one = false}). All in Java doubles, so the sampler adds nothing
 * platform-dependent.
 */
public final class DdimScheduler {

  private final int trainTimesteps;
  private final double[] alphasCumprod;

  public DdimScheduler(int trainTimesteps, double betaStart, double betaEnd) {
    this.trainTimesteps = trainTimesteps;
    alphasCumprod = new double[trainTimesteps];
    double a = Math.sqrt(betaStart);
    double b = Math.sqrt(betaEnd);
    double product = 1;
    for (int i = 0; i < trainTimesteps; i++) {
      double root = a + (b - a) * i / (trainTimesteps - 1);
      product *= 1 - root * root;
      alphasCumprod[i] = product;
    }
  }

  private int ratio(int steps) {
    return Math.max(1, trainTimesteps / steps);
  }

  /** The model timestep of loop step {@code step} (1 … steps). */
  public int timestep(int step, int steps) {
    return Math.min(trainTimesteps - 1, (steps - step) * ratio(steps) + 1);
  }

  /**
   * One step from the latent {@code x} at {@code timestep(step, steps)} with predicted noise
   * {@code eps}: x₀ = (x − √(1−ᾱₜ)·ε)/√ᾱₜ, then x_prev = √ᾱ_prev·x₀ + √(1−ᾱ_prev)·ε.
   */
  public void step(float[] x, float[] eps, int step, int steps) {
    int t = timestep(step, steps);
    int previous = t - ratio(steps);
    double alpha = alphasCumprod[t];
    double alphaPrevious = previous >= 0 ? alphasCumprod[previous] : alphasCumprod[0];
    double sqrtAlpha = Math.sqrt(alpha);
    double sqrtOneMinus = Math.sqrt(1 - alpha);
    double sqrtAlphaPrevious = Math.sqrt(alphaPrevious);
    double sqrtOneMinusPrevious = Math.sqrt(1 - alphaPrevious);
    for (int i = 0; i < x.length; i++) {
      double x0 = (x[i] - sqrtOneMinus * eps[i]) / sqrtAlpha;
      x[i] = (float) (sqrtAlphaPrevious * x0 + sqrtOneMinusPrevious * eps[i]);
    }
  }

  public double alphaCumprod(int timestep) {
    return alphasCumprod[timestep];
  }
}
