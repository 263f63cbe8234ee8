package workbench.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import workbench.grid.ExperimentResult;
import workbench.grid.GridStatistics;
import workbench.grid.PairedComparison;
import workbench.review.ReviewResults.CellComparison;
import workbench.review.ReviewResults.PeopleVsChecker;
import workbench.review.ReviewResults.Strength;
import workbench.review.ReviewResults.VariantRating;

/**
 * Turns a review's answers into its results. Ready-made statistics come from commons-math3
 * (t and Wilson intervals, Spearman, ranks) and the grid's own paired tests; only alpha and
 * Bradley–Terry are our own code. "Unsure" and skipped answers count as no answer.
 */
final class ReviewAnalysis {

  private ReviewAnalysis() {}

  /** A grid cell's place: row, seed and third-axis value. */
  private record Place(int row, int seedIndex, int axisIndex) {}

  static ReviewResults analyse(Review review, ExperimentResult grid, List<ReviewStore.Item> items,
      List<ReviewStore.Answer> answers, Map<Long, String> reviewers, List<ReviewResults.ReviewerProgress> progress) {
    return analyse(review, grid, items, answers, reviewers, progress, "", List.of());
  }

  /** As above; {@code judge} names the judge whose {@code judgeAnswers} are held against people's ("" if none). */
  static ReviewResults analyse(Review review, ExperimentResult grid, List<ReviewStore.Item> items,
      List<ReviewStore.Answer> answers, Map<Long, String> reviewers, List<ReviewResults.ReviewerProgress> progress,
      String judge, List<ReviewStore.JudgeAnswer> judgeAnswers) {
    var kind = review.kind();
    var d = grid.experiment().definition();
    var people = answers.stream().filter(a -> a.userId() != ReviewStore.JUDGE).toList();
    var cellValues = cellValues(kind, items, people);
    var wins = new double[d.variants().size() * d.axis().size()][d.variants().size() * d.axis().size()];
    if (kind == AnswerKind.PAIRWISE) {
      for (var item : items) {
        for (var v : counted(kind, people).getOrDefault(item.index(), List.of())) {
          int ia = variantIndex(item.rowA(), item.axisIndex(), d.variants().size());
          int ib = variantIndex(item.rowB(), item.axisIndex(), d.variants().size());
          wins[v == 0 ? ia : ib][v == 0 ? ib : ia]++;
        }
      }
    }
    var ratings = ratings(kind, grid, cellValues);
    var comparisons = comparisons(kind, grid, cellValues);
    var strengths = new ArrayList<Strength>();
    if (kind == AnswerKind.PAIRWISE && people.stream().anyMatch(a -> a.value() != null)) {
      var p = BradleyTerry.strengths(wins);
      for (int axis = 0; axis < d.axis().size(); axis++) {
        for (int row = 0; row < d.variants().size(); row++) {
          strengths.add(new Strength(label(grid, row, axis), p[variantIndex(row, axis, d.variants().size())]));
        }
      }
    }
    var agreement = agreement(kind, items, people, reviewers.keySet());
    var checker = peopleVsChecker(grid, cellValues);
    var versusJudge = peopleVsJudge(kind, grid, items, people, reviewers, judge, judgeAnswers);
    var verdict = verdict(kind, grid, ratings, strengths, comparisons, agreement, checker, versusJudge);
    return new ReviewResults(review, progress, ratings, comparisons, strengths, agreement, checker, versusJudge, verdict);
  }

  /** Answers that count, by item: "unsure" and skipped ones do not. */
  private static Map<Integer, List<Short>> counted(AnswerKind kind, List<ReviewStore.Answer> answers) {
    var byItem = new HashMap<Integer, List<Short>>();
    for (var a : answers) {
      if (a.value() != null && !(kind == AnswerKind.YES_NO && a.value() == 2)) {
        byItem.computeIfAbsent(a.item(), k -> new ArrayList<>()).add(a.value());
      }
    }
    return byItem;
  }

  /** A score per cell: each rating, yes as 1 and no as 0, or for pairwise 1 for a win and 0 for a loss. */
  private static Map<Place, List<Double>> cellValues(AnswerKind kind, List<ReviewStore.Item> items,
      List<ReviewStore.Answer> answers) {
    var byItem = counted(kind, answers);
    var cellValues = new LinkedHashMap<Place, List<Double>>();
    for (var item : items) {
      for (var v : byItem.getOrDefault(item.index(), List.of())) {
        var a = new Place(item.rowA(), item.seedIndex(), item.axisIndex());
        if (kind == AnswerKind.PAIRWISE) {
          var b = new Place(item.rowB(), item.seedIndex(), item.axisIndex());
          cellValues.computeIfAbsent(a, k -> new ArrayList<>()).add(v == 0 ? 1.0 : 0.0);
          cellValues.computeIfAbsent(b, k -> new ArrayList<>()).add(v == 1 ? 1.0 : 0.0);
        } else {
          cellValues.computeIfAbsent(a, k -> new ArrayList<>()).add((double) v);
        }
      }
    }
    return cellValues;
  }

  private static List<VariantRating> ratings(AnswerKind kind, ExperimentResult grid, Map<Place, List<Double>> cellValues) {
    var d = grid.experiment().definition();
    var ratings = new ArrayList<VariantRating>();
    for (int axis = 0; axis < d.axis().size(); axis++) {
      for (int row = 0; row < d.variants().size(); row++) {
        var all = new ArrayList<Double>();
        for (var e : cellValues.entrySet()) {
          if (e.getKey().row() == row && e.getKey().axisIndex() == axis) {
            all.addAll(e.getValue());
          }
        }
        if (!all.isEmpty()) {
          ratings.add(rating(kind, row, axis, label(grid, row, axis), all));
        }
      }
    }
    return ratings;
  }

  /**
   * The judge as one more coder beside people (alpha), its own figure per variant, and per
   * reviewer how often they gave the judge's answer on the items both answered.
   */
  private static ReviewResults.PeopleVsJudge peopleVsJudge(AnswerKind kind, ExperimentResult grid,
      List<ReviewStore.Item> items, List<ReviewStore.Answer> people, Map<Long, String> reviewers, String judge,
      List<ReviewStore.JudgeAnswer> judgeAnswers) {
    if (judge.isEmpty()) {
      return new ReviewResults.PeopleVsJudge("", List.of(), KrippendorffAlpha.of(new Double[0][0], metric(kind)), List.of());
    }
    var asAnswers = judgeAnswers.stream().map(a -> new ReviewStore.Answer(ReviewStore.JUDGE, a.item(), a.value())).toList();
    var judgeCounted = counted(kind, asAnswers);
    var coders = new LinkedHashSet<>(reviewers.keySet());
    coders.add(ReviewStore.JUDGE);
    var all = new ArrayList<>(people);
    all.addAll(asAnswers);
    var withJudge = agreement(kind, items, all, coders);
    var each = new ArrayList<ReviewResults.ReviewerVsJudge>();
    for (var reviewer : reviewers.entrySet()) {
      var mine = counted(kind, people.stream().filter(a -> a.userId() == reviewer.getKey()).toList());
      int both = 0;
      int agreed = 0;
      for (var e : mine.entrySet()) {
        var theirs = judgeCounted.get(e.getKey());
        if (theirs != null) {
          both++;
          agreed += theirs.get(0).equals(e.getValue().get(0)) ? 1 : 0;
        }
      }
      each.add(new ReviewResults.ReviewerVsJudge(reviewer.getValue(), both, agreed));
    }
    return new ReviewResults.PeopleVsJudge(judge, ratings(kind, grid, cellValues(kind, items, asAnswers)), withJudge, each);
  }

  private static int variantIndex(int row, int axis, int rows) {
    return axis * rows + row;
  }

  static String label(ExperimentResult grid, int row, int axis) {
    var d = grid.experiment().definition();
    var axisLabel = d.axis().label(axis);
    return d.variants().get(row).label() + (axisLabel.isEmpty() ? "" : " · " + axisLabel);
  }

  static String measure(AnswerKind kind) {
    return switch (kind) {
      case YES_NO -> "share of yes";
      case SCALE -> "mean rating (1–5)";
      case PAIRWISE -> "share of wins";
    };
  }

  /** Mean with a t interval for ratings; a share with Wilson's interval for yes/no and wins. */
  private static VariantRating rating(AnswerKind kind, int row, int axis, String label, List<Double> values) {
    int n = values.size();
    var stats = new DescriptiveStatistics(values.stream().mapToDouble(Double::doubleValue).toArray());
    double mean = stats.getMean();
    double low = mean;
    double high = mean;
    if (kind == AnswerKind.SCALE) {
      if (n > 1) {
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * stats.getStandardDeviation() / Math.sqrt(n);
        low = Math.max(1, mean - half);
        high = Math.min(5, mean + half);
      }
    } else {
      var interval = new WilsonScoreInterval().createInterval(n, (int) Math.round(stats.getSum()), 0.95);
      low = interval.getLowerBound();
      high = interval.getUpperBound();
    }
    return new VariantRating(row, axis, label, measure(kind), mean, low, high, n);
  }

  /** Each variant against the baseline row on the seeds where people scored both (the grid's tests). */
  private static List<PairedComparison> comparisons(AnswerKind kind, ExperimentResult grid, Map<Place, List<Double>> cells) {
    var d = grid.experiment().definition();
    var out = new ArrayList<PairedComparison>();
    for (int axis = 0; axis < d.axis().size(); axis++) {
      for (int row = 1; row < d.variants().size(); row++) {
        var base = new ArrayList<Double>();
        var variant = new ArrayList<Double>();
        for (int s = 0; s < d.seeds().size(); s++) {
          var b = cells.get(new Place(0, s, axis));
          var v = cells.get(new Place(row, s, axis));
          if (b != null && v != null) {
            base.add(mean(b));
            variant.add(mean(v));
          }
        }
        if (!base.isEmpty()) {
          out.add(GridStatistics.compare(label(grid, 0, axis), label(grid, row, axis), "people: " + measure(kind),
              base.stream().mapToDouble(Double::doubleValue).toArray(),
              variant.stream().mapToDouble(Double::doubleValue).toArray()));
        }
      }
    }
    return out;
  }

  /** Items are units, reviewers coders; nominal for yes/no and pairwise, ordinal for the scale. */
  private static KrippendorffAlpha.Result agreement(AnswerKind kind, List<ReviewStore.Item> items,
      List<ReviewStore.Answer> answers, Collection<Long> reviewers) {
    var coders = new ArrayList<>(reviewers);
    var data = new Double[items.size()][coders.size()];
    for (var a : answers) {
      int coder = coders.indexOf(a.userId());
      if (coder >= 0 && a.value() != null && !(kind == AnswerKind.YES_NO && a.value() == 2)) {
        data[a.item()][coder] = (double) a.value();
      }
    }
    return KrippendorffAlpha.of(data, metric(kind));
  }

  private static KrippendorffAlpha.Metric metric(AnswerKind kind) {
    return kind == AnswerKind.SCALE ? KrippendorffAlpha.Metric.ORDINAL : KrippendorffAlpha.Metric.NOMINAL;
  }

  private static PeopleVsChecker peopleVsChecker(ExperimentResult grid, Map<Place, List<Double>> cells) {
    var compared = new ArrayList<CellComparison>();
    for (var e : cells.entrySet()) {
      var p = e.getKey();
      var cell = grid.cell(p.row(), p.seedIndex(), p.axisIndex());
      if (cell.isPresent() && cell.get().combined().isPresent() && cell.get().runId().isPresent()) {
        compared.add(new CellComparison(p.row(), p.seedIndex(), p.axisIndex(), label(grid, p.row(), p.axisIndex()),
            cell.get().seed(), cell.get().runId().get(), cell.get().combined().get(), mean(e.getValue())));
      }
    }
    int n = compared.size();
    if (n < 3) {
      return new PeopleVsChecker(Double.NaN, n, List.of());
    }
    var checker = compared.stream().mapToDouble(CellComparison::checkerScore).toArray();
    var people = compared.stream().mapToDouble(CellComparison::peopleScore).toArray();
    double rho = new SpearmansCorrelation().correlation(checker, people);
    var ranking = new NaturalRanking();
    var checkerRanks = ranking.rank(checker);
    var peopleRanks = ranking.rank(people);
    var gap = new HashMap<CellComparison, Double>();
    for (int i = 0; i < n; i++) {
      gap.put(compared.get(i), Math.abs(checkerRanks[i] - peopleRanks[i]));
    }
    var disagreements = compared.stream().filter(c -> gap.get(c) >= 1)
        .sorted(Comparator.comparingDouble((CellComparison c) -> -gap.get(c))).limit(4).toList();
    return new PeopleVsChecker(rho, n, disagreements);
  }

  /** Which wording people preferred, whether that holds across seeds, and whether the checker saw it too. */
  private static String verdict(AnswerKind kind, ExperimentResult grid, List<VariantRating> ratings,
      List<Strength> strengths, List<PairedComparison> comparisons, KrippendorffAlpha.Result agreement,
      PeopleVsChecker people, ReviewResults.PeopleVsJudge versusJudge) {
    if (ratings.isEmpty()) {
      return "No answers yet: nothing to conclude.";
    }
    var text = new StringBuilder();
    String best;
    if (kind == AnswerKind.PAIRWISE) {
      var top = strengths.stream().max(Comparator.comparingDouble(Strength::strength)).orElseThrow();
      best = top.variant();
      text.append(String.format(Locale.ROOT, "People preferred %s (Bradley–Terry strength %.2f of 1).", best, top.strength()));
    } else {
      var top = ratings.stream().max(Comparator.comparingDouble(VariantRating::value)).orElseThrow();
      best = top.variant();
      text.append(String.format(Locale.ROOT, "People preferred %s (%s %s, 95%% CI %s–%s, %d answers).", best,
          top.measure(), figure(kind, top.value()), figure(kind, top.ci95Low()), figure(kind, top.ci95High()), top.answers()));
    }
    comparisons.stream().filter(c -> c.variant().equals(best) || (c.baseline().equals(best) && c.wins() < c.losses()))
        .findFirst().ifPresent(c -> text.append(' ').append(c.verdict()));
    var checkerBest = grid.summaries().stream()
        .max(Comparator.comparingDouble((ExperimentResult.VariantSummary s) -> s.combined().mean()))
        .map(s -> label(grid, s.row(), s.axisIndex()));
    if (checkerBest.isPresent()) {
      var rho = Double.isNaN(people.spearman()) ? ""
          : String.format(Locale.ROOT, " (Spearman ρ = %.2f between its scores and people's across %d cells)", people.spearman(), people.cells());
      text.append(checkerBest.get().equals(best)
          ? " The checker scored " + best + " highest too" + rho + "."
          : " The checker did not see it: it scored " + checkerBest.get() + " highest" + rho + ".");
    }
    if (!Double.isNaN(agreement.alpha()) && agreement.alpha() < 0.667) {
      text.append(String.format(Locale.ROOT, " Reviewers did not agree reliably (α = %.2f): hold this loosely.", agreement.alpha()));
    }
    int both = versusJudge.reviewers().stream().mapToInt(ReviewResults.ReviewerVsJudge::items).sum();
    if (both > 0) {
      int agreed = versusJudge.reviewers().stream().mapToInt(ReviewResults.ReviewerVsJudge::agreed).sum();
      text.append(String.format(Locale.ROOT, " The judge gave people's answer %d times in %d (%.0f%%).", agreed, both,
          100.0 * agreed / both));
    }
    return text.toString();
  }

  private static String figure(AnswerKind kind, double value) {
    return kind == AnswerKind.SCALE ? String.format(Locale.ROOT, "%.2f", value)
        : String.format(Locale.ROOT, "%.0f%%", 100 * value);
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
