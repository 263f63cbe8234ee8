package workbench.review.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import workbench.review.Review;
import workbench.review.ReviewResults;
import workbench.review.ReviewService;
import workbench.review.ReviewState;
import workbench.run.GenerationService;
import workbench.run.ImageKind;
import workbench.run.ui.ImageSources;
import workbench.shared.DaemonThreads;
import workbench.ui.Notifications;
import workbench.ui.SecuredAccess;

/**
 * A review's page: who is on it and how far each got (counts only) while answers are private;
 * the owner shows or closes it; then the results, computed off the UI thread (the checker
 * scores the grid's cells): ratings, agreement, people against the checker with the cells
 * they disagree on most side by side, and the verdict.
 */
@Route("reviews/:id")
@PermitAll
@PageTitle("Review results · Prompt Workbench")
public class ReviewResultsView extends VerticalLayout implements BeforeEnterObserver {

  private static final ExecutorService RESULTS = Executors.newFixedThreadPool(1, DaemonThreads.named("review-results"));

  private final ReviewService reviews;
  private final GenerationService generation;
  final H2 heading = new H2();
  final Paragraph about = new Paragraph();
  final Grid<ReviewResults.ReviewerProgress> progress = new Grid<>(ReviewResults.ReviewerProgress.class, false);
  final Button answer = new Button("Answer blind");
  final Button show = new Button("Show results to everyone on it", e -> setState(true));
  final Button close = new Button("Close the review", e -> setState(false));
  final Button judge = new Button("Add the judge as a reviewer", e -> addJudge());
  final Paragraph hidden = new Paragraph("The answers are private until the owner shows or closes the review.");
  final VerticalLayout results = new VerticalLayout();
  final Paragraph verdict = new Paragraph();
  private UUID id = new UUID(0, 0);

  /** Who is signed in: editors see the buttons that change things (the services refuse the rest anyway). */
  private final AuthenticationContext authentication;

  public ReviewResultsView(ReviewService reviews, GenerationService generation, AuthenticationContext authentication) {
    this.authentication = authentication;
    this.reviews = reviews;
    this.generation = generation;
    progress.addColumn(ReviewResults.ReviewerProgress::reviewer).setHeader("Reviewer");
    progress.addColumn(p -> p.answered() + " of " + p.total()).setHeader("Answered");
    progress.addColumn(ReviewResults.ReviewerProgress::skipped).setHeader("Skipped");
    progress.setAllRowsVisible(true);
    progress.setId("review-progress-table");
    answer.addClickListener(e -> UI.getCurrent().navigate(BlindReviewView.class, BlindReviewView.params(id)));
    answer.setId("answer-blind");
    answer.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    show.setId("show-review");
    close.setId("close-review");
    judge.setId("add-judge");
    judge.setTooltipText("The independent judge answers every item from what it reads in the image and the cell's prompt;"
        + " its answers are held against people's, never counted as theirs");
    hidden.setId("results-hidden");
    verdict.setId("review-verdict");
    results.setPadding(false);
    add(heading, about, new HorizontalLayout(answer, show, close, judge), progress, hidden, results);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    var review = event.getRouteParameters().get("id").flatMap(ReviewsView::uuid).flatMap(reviews::find);
    if (review.isEmpty()) {
      event.rerouteToError(NotFoundException.class, "That review does not exist.");
      return;
    }
    id = review.get().id();
    render(review.get());
  }

  @Override
  protected void onAttach(AttachEvent attachEvent) {
    reviews.find(id).filter(r -> r.state().resultsReadable()).ifPresent(r -> load(attachEvent.getUI()));
  }

  private void render(Review review) {
    heading.setText(review.question());
    about.setText("Grid '" + review.gridTitle() + "' · " + review.kind().label() + " · " + review.items() + " items · owner "
        + review.owner() + " · " + review.state().name().toLowerCase(Locale.ROOT));
    progress.setItems(reviews.progress(review.id()));
    answer.setVisible(review.reviewer() && review.state() != ReviewState.CLOSED);
    boolean owner = review.changeable() && authentication.hasRole("EDITOR");
    show.setVisible(owner && review.state() == ReviewState.OPEN);
    close.setVisible(owner && review.state() != ReviewState.CLOSED);
    judge.setVisible(owner && review.state() != ReviewState.CLOSED && review.judge().isEmpty());
    judge.setEnabled(true);
    hidden.setVisible(!review.state().resultsReadable());
  }

  private void setState(boolean showOnly) {
    var review = showOnly ? reviews.show(id) : reviews.close(id);
    render(review);
    load(UI.getCurrent());
  }

  /** The judge reads every item's images: on the pool thread as this viewer, the page told when it is done. */
  private void addJudge() {
    var ui = UI.getCurrent();
    judge.setEnabled(false);
    judge.setText("The judge is answering…");
    var asViewer = SecuredAccess.capture();
    RESULTS.execute(asViewer.bind(() -> {
      try {
        var review = reviews.addJudge(id);
        ui.access(() -> {
          judge.setText("Add the judge as a reviewer");
          render(review);
          if (review.state().resultsReadable()) {
            load(ui);
          }
        });
      } catch (RuntimeException e) {
        ui.access(() -> {
          judge.setText("Add the judge as a reviewer");
          judge.setEnabled(true);
          Notifications.error(e.getMessage());
        });
      }
    }));
  }

  /** The results need the grid's checker scores: worked out on a pool thread as this viewer. */
  private void load(UI ui) {
    results.removeAll();
    results.add(new Span("Working out the results…"));
    var asViewer = SecuredAccess.capture();
    RESULTS.execute(asViewer.bind(() -> {
      try {
        var found = reviews.results(id);
        ui.access(() -> show(found));
      } catch (RuntimeException e) {
        ui.access(() -> {
          results.removeAll();
          results.add(new Paragraph("The results could not be worked out: " + e.getMessage()));
        });
      }
    }));
  }

  void show(ReviewResults r) {
    results.removeAll();
    verdict.setText(r.verdict());
    var ratings = new Grid<ReviewResults.VariantRating>(ReviewResults.VariantRating.class, false);
    ratings.addColumn(ReviewResults.VariantRating::variant).setHeader("Variant");
    ratings.addColumn(ReviewResults.VariantRating::measure).setHeader("Measure");
    ratings.addColumn(v -> String.format(Locale.ROOT, "%.2f", v.value())).setHeader("Value");
    ratings.addColumn(v -> String.format(Locale.ROOT, "%.2f–%.2f", v.ci95Low(), v.ci95High())).setHeader("95% CI");
    ratings.addColumn(ReviewResults.VariantRating::answers).setHeader("Answers");
    ratings.setItems(r.ratings());
    ratings.setAllRowsVisible(true);
    ratings.setId("review-ratings");
    var agreement = new Paragraph(r.agreement().interpretation());
    agreement.setId("review-agreement");
    results.add(new H3("Verdict"), verdict, ratings, new H3("Do reviewers agree?"), agreement);
    if (!r.comparisons().isEmpty()) {
      results.add(new H3("Against the baseline, seed by seed"));
      r.comparisons().forEach(c -> results.add(new Paragraph(c.verdict())));
    }
    if (!r.bradleyTerry().isEmpty()) {
      results.add(new Paragraph("Bradley–Terry strengths: " + String.join(", ", r.bradleyTerry().stream()
          .map(s -> String.format(Locale.ROOT, "%s %.2f", s.variant(), s.strength())).toList())));
    }
    var pvc = r.peopleVsChecker();
    results.add(new H3("People and the checker"), new Paragraph(Double.isNaN(pvc.spearman())
        ? (pvc.cells() < 3 ? "Too few rated cells (" + pvc.cells() + ") to compare people with the checker."
            : "People's figures or the checker's scores do not vary across the " + pvc.cells() + " cells: no ranks to compare.")
        : String.format(Locale.ROOT, "Spearman ρ = %.2f between the checker's score and people's across %d cells.",
            pvc.spearman(), pvc.cells())));
    var cells = new FlexLayout();
    cells.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    cells.getStyle().set("gap", "var(--lumo-space-m)");
    for (var c : pvc.disagreements()) {
      var image = new Image(ImageSources.stored(generation, c.runId(), ImageKind.FINAL), c.variant() + ", seed " + c.seed());
      image.setWidth("160px");
      cells.add(new Div(image, new Paragraph(String.format(Locale.ROOT, "%s · seed %d · checker %.1f · people %.2f",
          c.variant(), c.seed(), c.checkerScore(), c.peopleScore()))));
    }
    results.add(cells);
    var pvj = r.peopleVsJudge();
    if (pvj.joined()) {
      results.add(new H3("People and the judge"));
      var judged = new Paragraph(pvj.judge() + " answered as one more reviewer, knowing each cell's prompt; its answers are"
          + " not in people's figures. With it as one more coder: " + pvj.withJudge().interpretation());
      judged.setId("review-judge");
      results.add(judged);
      pvj.judgeRatings().forEach(v -> results.add(new Paragraph(String.format(Locale.ROOT, "The judge's %s for %s: %.2f (%d answers)",
          v.measure(), v.variant(), v.value(), v.answers()))));
      pvj.reviewers().forEach(p -> results.add(new Paragraph(p.items() == 0 ? p.reviewer() + " and the judge answered no item both"
          : String.format(Locale.ROOT, "%s gave the judge's answer on %d of %d items (%.0f%%)", p.reviewer(), p.agreed(),
              p.items(), 100 * p.share()))));
    }
  }
}
