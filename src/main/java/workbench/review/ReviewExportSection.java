package workbench.review;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import workbench.account.CurrentUser;
import workbench.grid.GridExportSection;

/**
 * The results of a grid's shown or closed reviews, in its wikitext, Markdown and JSON exports.
 * Reviews still private, or not the caller's to see, add nothing; nor does a visitor of a
 * public permalink who is not signed in.
 */
@Component
class ReviewExportSection implements GridExportSection {

  private final ReviewService reviews;
  private final CurrentUser currentUser;

  ReviewExportSection(ReviewService reviews, CurrentUser currentUser) {
    this.reviews = reviews;
    this.currentUser = currentUser;
  }

  @Override
  public String wikitext(UUID gridId) {
    var out = new StringBuilder();
    for (var r : results(gridId)) {
      out.append("== Blind review: ").append(wiki(r.review().question())).append(" ==\n")
          .append("''").append(wiki(r.verdict())).append("''\n\n")
          .append("{| class=\"wikitable\"\n! Variant !! ").append(ReviewAnalysis.measure(r.review().kind()))
          .append(" !! 95% CI !! Answers\n");
      for (var v : r.ratings()) {
        out.append("|-\n| ").append(wiki(v.variant())).append(" || ").append(f(v.value())).append(" || ")
            .append(f(v.ci95Low())).append("–").append(f(v.ci95High())).append(" || ").append(v.answers()).append('\n');
      }
      out.append("|}\n\n").append(wiki(r.agreement().interpretation())).append("\n\n").append(wiki(spearman(r))).append('\n');
      judge(r).ifPresent(text -> out.append('\n').append(wiki(text)).append('\n'));
    }
    return out.toString();
  }

  @Override
  public String markdown(UUID gridId) {
    var out = new StringBuilder();
    for (var r : results(gridId)) {
      out.append("## Blind review: ").append(md(r.review().question())).append("\n\n")
          .append('*').append(md(r.verdict())).append("*\n\n")
          .append("| Variant | ").append(ReviewAnalysis.measure(r.review().kind())).append(" | 95% CI | Answers |\n|---|---|---|---|\n");
      for (var v : r.ratings()) {
        out.append("| ").append(md(v.variant())).append(" | ").append(f(v.value())).append(" | ").append(f(v.ci95Low()))
            .append("–").append(f(v.ci95High())).append(" | ").append(v.answers()).append(" |\n");
      }
      out.append('\n').append(md(r.agreement().interpretation())).append("\n\n").append(md(spearman(r))).append('\n');
      judge(r).ifPresent(text -> out.append('\n').append(md(text)).append('\n'));
    }
    return out.toString();
  }

  /** One review in the grid's JSON: its results, and the agreement figures in words. */
  record ExportedReview(ReviewResults results, String agreement, String agreementWithJudge) {}

  @Override
  public Map<String, Object> json(UUID gridId) {
    var out = results(gridId).stream().map(r -> new ExportedReview(r, r.agreement().interpretation(),
        r.peopleVsJudge().joined() ? r.peopleVsJudge().withJudge().interpretation() : "")).toList();
    return out.isEmpty() ? Map.of() : Map.of("reviews", out);
  }

  /** The judge's line: who it was, its figures, and how often each reviewer gave its answer. */
  private static Optional<String> judge(ReviewResults r) {
    var j = r.peopleVsJudge();
    if (!j.joined()) {
      return Optional.empty();
    }
    var text = new StringBuilder("People vs judge: ").append(j.judge()).append(" answered too (not counted in people's figures)");
    j.judgeRatings().forEach(v -> text.append(String.format(Locale.ROOT, "; its %s for %s %.2f", v.measure(), v.variant(), v.value())));
    j.reviewers().stream().filter(p -> p.items() > 0).forEach(p -> text.append(String.format(Locale.ROOT,
        "; %s gave its answer on %d of %d items", p.reviewer(), p.agreed(), p.items())));
    return Optional.of(text.append(". With it as one more coder: ").append(j.withJudge().interpretation()).toString());
  }

  private List<ReviewResults> results(UUID gridId) {
    return currentUser.signedIn() ? reviews.resultsOfGrid(gridId) : List.of();
  }

  private static String spearman(ReviewResults r) {
    var p = r.peopleVsChecker();
    return Double.isNaN(p.spearman()) ? "People vs checker: not measurable (fewer than three rated cells, or no spread in the figures)."
        : String.format(Locale.ROOT, "People vs checker: Spearman ρ = %.2f across %d cells.", p.spearman(), p.cells());
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** Text in a wiki table cell: no markup of its own. */
  private static String wiki(String s) {
    return "<nowiki>" + s.replace("</nowiki>", "&lt;/nowiki&gt;").replace("\n", " ") + "</nowiki>";
  }

  private static String md(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("\n", " ");
  }
}
