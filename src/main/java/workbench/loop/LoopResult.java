package workbench.loop;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What one recipe's trip through the loop made: the static, the raw image at model size and
 * the post-processed final one, the scores at the start and the end, and the trace.
 *
 * @param initial scores of the step-0 static
 * @param prior scores of the generator's image of the latent static, before any art step
 * @param last scores of the raw final image (as stored: 8-bit pixels)
 */
public record LoopResult(
    Recipe recipe,
    Outcome outcome,
    int stepsRun,
    BufferedImage staticImage,
    BufferedImage raw,
    BufferedImage finalImage,
    TermScores initial,
    TermScores prior,
    TermScores last,
    List<TraceStep> trace,
    long millis) {

  public enum Outcome {
    DONE,
    STOPPED_EARLY,
    CANCELLED
  }

  /** Scores after one step: combined and per term, as cosine similarities. */
  public record TraceStep(int step, double combined, double[] terms) {}
}
