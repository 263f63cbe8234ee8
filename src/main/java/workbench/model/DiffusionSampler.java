package workbench.model;

/**
 * The noise schedule and the samplers of the Sketchbook diffusion model, as plain arithmetic on
 * float arrays (the same numbers on every machine): a cosine schedule over t in [0, 1] with
 * {@code alpha = cos(pi t / 2)}, {@code sigma = sin(pi t / 2)}, so t = 1 is pure static.
 *
 * <p>A run of N steps visits t = 1, 1 - 1/N, ..., 0. Both samplers are deterministic (the
 * only randomness of a run is its starting static):
 * <ul>
 *   <li>{@code ddim}: Song et al.'s DDIM with eta = 0, the first-order solver of the
 *   probability-flow ODE;</li>
 *   <li>{@code dpmpp-2m}: Lu et al.'s DPM-Solver++(2M), second order from the previous step's
 *   prediction of the clean image (the first step, with no history, is a DDIM step).</li>
 * </ul>
 */
public final class DiffusionSampler {

  public static final String DDIM = "ddim";
  public static final String DPMPP_2M = "dpmpp-2m";

  private DiffusionSampler() {}

  public static double time(int step, int steps) {
    return 1.0 - (double) step / steps;
  }

  public static double alpha(double t) {
    return StrictMath.cos(Math.PI / 2 * t);
  }

  public static double sigma(double t) {
    return t >= 1.0 ? 1.0 : StrictMath.sin(Math.PI / 2 * t);
  }

  /** The clean image a v-prediction implies: x0 = alpha x - sigma v (written into {@code out}). */
  static void cleanImage(float[] x, float[] v, double t, float[] out) {
    float a = (float) alpha(t);
    float s = (float) sigma(t);
    for (int i = 0; i < x.length; i++) {
      out[i] = a * x[i] - s * v[i];
    }
  }

  /**
   * Moves {@code x} from step {@code step} to {@code step + 1} of {@code steps}, given the model's
   * v at this step. {@code memory} holds the previous step's clean-image prediction for the
   * second-order sampler (written here; empty at step 0).
   */
  public static void step(String sampler, float[] x, float[] v, float[] memory, int step, int steps) {
    double t = time(step, steps);
    double s = time(step + 1, steps);
    float[] x0 = new float[x.length];
    cleanImage(x, v, t, x0);
    double at = alpha(t);
    double st = sigma(t);
    double as = alpha(s);
    double ss = sigma(s);
    if (sampler.equals(DPMPP_2M) && step > 0 && ss > 0) {
      double tPrev = time(step - 1, steps);
      double h = lambda(s) - lambda(t);
      double hPrev = lambda(t) - lambda(tPrev);
      float[] d = x0.clone();
      if (Double.isFinite(hPrev)) {
        double r = hPrev / h;
        float c1 = (float) (1 + 1 / (2 * r));
        float c2 = (float) (1 / (2 * r));
        for (int i = 0; i < d.length; i++) {
          d[i] = c1 * x0[i] - c2 * memory[i];
        }
      }
      float keep = (float) (ss / st);
      float pull = (float) (-as * StrictMath.expm1(-h));
      for (int i = 0; i < x.length; i++) {
        x[i] = keep * x[i] + pull * d[i];
      }
    } else {
      // DDIM: the noise the prediction implies, carried to the next noise level.
      for (int i = 0; i < x.length; i++) {
        double eps = st * x[i] + at * v[i];
        x[i] = (float) (as * x0[i] + ss * eps);
      }
    }
    System.arraycopy(x0, 0, memory, 0, x0.length);
  }

  private static double lambda(double t) {
    return StrictMath.log(alpha(t) / sigma(t));
  }
}
