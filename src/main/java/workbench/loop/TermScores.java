package workbench.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * What the check output process says of one image: each term's cosine similarity, and the
 * combined score Σ wᵢ·simᵢ / Σ|wᵢ| (negative terms push away). People see scores as 0–100,
 * 100·max(cos, 0), the CLIPScore convention.
 */
public record TermScores(List<TermScore> terms, double combined) {

  public TermScores {
    terms = List.copyOf(terms);
  }

  public record TermScore(String text, double weight, double similarity) {
    public double score() {
      return display(similarity);
    }
  }

  /** Combines per-term similarities by weight. */
  public static TermScores of(List<String> texts, double[] weights, double[] similarities) {
    double total = 0;
    double sum = 0;
    var terms = new ArrayList<TermScore>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      total += Math.abs(weights[i]);
      sum += weights[i] * similarities[i];
      terms.add(new TermScore(texts.get(i), weights[i], similarities[i]));
    }
    return new TermScores(terms, total == 0 ? 0 : sum / total);
  }

  public double combinedScore() {
    return display(combined);
  }

  /** 100·max(cos, 0), rounded to 0.01 so stored and printed scores agree. */
  public static double display(double cosine) {
    return Math.round(100 * Math.max(cosine, 0) * 100) / 100.0;
  }
}
