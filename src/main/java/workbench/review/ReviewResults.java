package workbench.review;

import java.util.List;
import java.util.UUID;
import workbench.grid.PairedComparison;

/**
 * What a review found: per variant the people's figure with its 95% interval, paired
 * comparisons against the baseline on the same seeds, Bradley–Terry strengths (pairwise),
 * agreement between reviewers, people against the checker, the judge against people (when
 * the judge joined: its answers never count in people's figures), and the verdict in words.
 */
public record ReviewResults(
    Review review,
    List<ReviewerProgress> reviewers,
    List<VariantRating> ratings,
    List<PairedComparison> comparisons,
    List<Strength> bradleyTerry,
    KrippendorffAlpha.Result agreement,
    PeopleVsChecker peopleVsChecker,
    PeopleVsJudge peopleVsJudge,
    String verdict) {

  public ReviewResults {
    reviewers = List.copyOf(reviewers);
    ratings = List.copyOf(ratings);
    comparisons = List.copyOf(comparisons);
    bradleyTerry = List.copyOf(bradleyTerry);
  }

  /** @param judge the independent judge, not a person: its name says which weights answered */
  public record ReviewerProgress(String reviewer, int answered, int skipped, int total, boolean judge) {}

  /**
   * The independent judge held against people: its own figure per variant, agreement with the
   * judge as one more coder (beside people's own in {@code agreement}), and each reviewer's
   * share of answers equal to the judge's on the items both answered. {@code judge} is empty
   * (and the rest empty) when the judge did not join.
   */
  public record PeopleVsJudge(String judge, List<VariantRating> judgeRatings, KrippendorffAlpha.Result withJudge,
      List<ReviewerVsJudge> reviewers) {
    public PeopleVsJudge {
      judgeRatings = List.copyOf(judgeRatings);
      reviewers = List.copyOf(reviewers);
    }

    public boolean joined() {
      return !judge.isEmpty();
    }
  }

  /** One reviewer against the judge: items both answered (not unsure), and how many the same. */
  public record ReviewerVsJudge(String reviewer, int items, int agreed) {
    public double share() {
      return items == 0 ? Double.NaN : agreed / (double) items;
    }
  }

  /**
   * @param measure "mean rating (1–5)", "share of yes" or "share of wins"
   * @param answers how many answers went into it (unsure and skipped ones do not)
   */
  public record VariantRating(int row, int axisIndex, String variant, String measure, double value, double ci95Low,
      double ci95High, int answers) {}

  /** A variant's Bradley–Terry strength: the shares sum to 1; P(a beats b) = a / (a + b). */
  public record Strength(String variant, double strength) {}

  /**
   * Spearman's rank correlation between each cell's checker score and people's score for it
   * (NaN with fewer than three cells or no spread), and the cells whose ranks differ most.
   */
  public record PeopleVsChecker(
      @io.swagger.v3.oas.annotations.media.Schema(nullable = true,
          description = "Spearman's rho; null (NaN here) with fewer than three cells or no spread") double spearman,
      int cells, List<CellComparison> disagreements) {
    public PeopleVsChecker {
      disagreements = List.copyOf(disagreements);
    }
  }

  /** One cell with both figures: the checker's combined score (0–100) and people's score. */
  public record CellComparison(int row, int seedIndex, int axisIndex, String variant, long seed, UUID runId,
      double checkerScore, double peopleScore) {}
}
