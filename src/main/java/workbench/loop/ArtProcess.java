package workbench.loop;

import java.util.Map;
import java.util.Set;

/**
 * The art process of the seed page: changes the current latents a little each step. It does
 * not know whether it did well; the check output after the step says so. New processes are
 * added by implementing this and listing them in {@link ArtProcesses}; the loop, the model
 * pickers and the bench offer each process on the generators it names in {@link #runsOn}.
 */
public interface ArtProcess {

  /** The kinds of generator a process may move. */
  enum Generator {
    /** The built-in Sketchbook generator's prior (a latent decoded to an image), with any checker. */
    SKETCHBOOK_PRIOR,
    /** The built-in Sketchbook diffusion model (the noisy image itself), with the Sketchbook checker. */
    SKETCHBOOK_DIFFUSION,
    /** A Stable Diffusion generator of the model registry. */
    REGISTRY_DIFFUSION
  }

  /** The name recipes use. */
  String name();

  /** The generators this process can move. */
  Set<Generator> runsOn();

  /** One line for people choosing a process. */
  String description();

  /** The settings and their defaults; a schedule's stages override them. */
  Map<String, Double> defaults();

  /** A schedule that suits this process for {@code steps} steps (coarse first, then fine). */
  Schedule defaultSchedule(int steps);

  /**
   * FLOPs of one loop step of this recipe's item on these models (what the bench divides by
   * time for its fraction of the machine's peak).
   */
  long flopsPerStep(LoopModels models, Recipe recipe);

  /** Moves every live item of the batch one step. */
  void step(LoopBatch.Step batch, int step);

  /**
   * True when every {@link #step} first decodes and embeds the current latents anyway, and
   * hands them to {@link LoopBatch.Step#seen} once, before it moves any: the loop then takes
   * them as the previous step's check output instead of decoding and scoring again (a third of
   * a guided step's time). Items the loop stops in that call must not be moved.
   */
  default boolean showsCurrent() {
    return false;
  }

  /**
   * True for a process with classifier-free guidance: its recipes take a CFG scale and a
   * negative prompt (the unconditional branch's condition), as A1111's samplers do.
   */
  default boolean hasClassifierFreeGuidance() {
    return false;
  }
}
