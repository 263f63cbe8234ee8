package workbench.generation;

import java.util.Map;

/**
 * The art process of the seed page: changes the current latents a little each step. It does
 * not know whether it did well; the check output after the step says so. New processes are
 * added by implementing this and listing them in {@link ArtProcesses}; the loop is unchanged.
 */
public interface ArtProcess {

  /** The name recipes use. */
  String name();

  /** One line for people choosing a process. */
  String description();

  /** The settings and their defaults; a schedule's stages override them. */
  Map<String, Double> defaults();

  /** A schedule that suits this process for {@code steps} steps (coarse first, then fine). */
  Schedule defaultSchedule(int steps);

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
