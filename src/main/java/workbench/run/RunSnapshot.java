package workbench.run;

import workbench.loop.TermScores;

/**
 * The image of a run at one step, as a small PNG at model size (no text chunks), with each
 * term's score then. {@code predictedPng} is the art process's prediction of the final image
 * at that step (the built-in diffusion model's clean-image estimate, which is what the check
 * output scored), empty for processes that have none.
 */
public record RunSnapshot(int step, TermScores scores, byte[] png, byte[] predictedPng) {

  public boolean hasPredicted() {
    return predictedPng.length > 0;
  }
}
