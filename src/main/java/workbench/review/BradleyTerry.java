package workbench.review;

import java.util.Arrays;

/**
 * Bradley–Terry strengths from pairwise wins, by Hunter's (2004) MM algorithm: each step
 * p_i ← W_i / Σ_j n_ij / (p_i + p_j), then scale to sum 1. No well-kept Java library fits
 * it, so it is here, tested against Agresti's baseball example (the BradleyTerry2 R package
 * reproduces the same table).
 */
public final class BradleyTerry {

  private BradleyTerry() {}

  /**
   * {@code wins[i][j]}: how often i beat j. Returns strengths summing to 1; P(i beats j) =
   * p_i / (p_i + p_j). An item that never wins tends to 0; one never compared keeps an equal share.
   */
  public static double[] strengths(double[][] wins) {
    int k = wins.length;
    var p = new double[k];
    Arrays.fill(p, 1.0 / k);
    for (int iteration = 0; iteration < 10_000; iteration++) {
      var next = new double[k];
      double total = 0;
      for (int i = 0; i < k; i++) {
        double won = 0;
        double denominator = 0;
        for (int j = 0; j < k; j++) {
          if (i != j) {
            won += wins[i][j];
            double games = wins[i][j] + wins[j][i];
            if (games > 0) {
              denominator += games / (p[i] + p[j]);
            }
          }
        }
        next[i] = denominator == 0 ? p[i] : won / denominator;
        total += next[i];
      }
      double change = 0;
      for (int i = 0; i < k; i++) {
        next[i] /= total;
        change = Math.max(change, Math.abs(next[i] - p[i]));
      }
      p = next;
      if (change < 1e-12) {
        break;
      }
    }
    return p;
  }
}
