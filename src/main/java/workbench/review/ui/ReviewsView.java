package workbench.review.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import workbench.grid.Experiment;
import workbench.grid.GridService;
import workbench.review.AnswerKind;
import workbench.review.Review;
import workbench.review.ReviewException;
import workbench.review.ReviewService;
import workbench.review.ReviewState;

/** Reviews to answer and reviews one owns; a new review of one's own grid (editors). */
@Route("reviews")
@PermitAll
@PageTitle("Reviews · Prompt Workbench")
@Menu(title = "Blind reviews", order = 5, icon = "vaadin:eye-slash")
public class ReviewsView extends VerticalLayout {

  private final ReviewService reviews;
  final Grid<Review> list = new Grid<>(Review.class, false);
  final ComboBox<Experiment> grid = new ComboBox<>("Grid to review (its finished cells)");
  final TextField question = new TextField("Question");
  final Select<AnswerKind> kind = new Select<>();
  final TextField reviewers = new TextField("Reviewers (user names, comma-separated)");
  final Button create = new Button("Start review", VaadinIcon.EYE_SLASH.create(), e -> create());
  final Paragraph error = new Paragraph();

  /** Who is signed in: editors see the buttons that change things (the services refuse the rest anyway). */
  private final AuthenticationContext authentication;

  public ReviewsView(ReviewService reviews, GridService grids, AuthenticationContext authentication) {
    this.authentication = authentication;
    this.reviews = reviews;
    grid.setItems(grids.search("").stream().filter(Experiment::changeable).toList());
    grid.setItemLabelGenerator(e -> e.definition().title());
    grid.setId("review-grid");
    question.setPlaceholder("Are the hands right?");
    question.setId("review-question");
    question.setMaxLength(300);
    kind.setLabel("Answer");
    kind.setItems(Arrays.asList(AnswerKind.values()));
    kind.setItemLabelGenerator(AnswerKind::label);
    kind.setValue(AnswerKind.SCALE);
    kind.setId("review-kind");
    reviewers.setId("review-reviewers");
    create.setId("start-review");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    error.setId("review-error");
    error.getStyle().set("color", "var(--lumo-error-text-color)");
    error.setVisible(false);
    var form = new FormLayout(grid, question, kind, reviewers);
    form.setVisible(authentication.hasRole("EDITOR"));
    create.setVisible(authentication.hasRole("EDITOR"));

    list.addColumn(Review::question).setHeader("Question").setFlexGrow(2);
    list.addColumn(Review::gridTitle).setHeader("Grid").setFlexGrow(1);
    list.addColumn(r -> r.kind().label()).setHeader("Answer").setAutoWidth(true);
    list.addColumn(r -> r.state().name().toLowerCase(Locale.ROOT)).setHeader("State").setAutoWidth(true);
    list.addColumn(Review::owner).setHeader("Owner").setAutoWidth(true);
    list.addComponentColumn(r -> {
      boolean toAnswer = r.reviewer() && r.state() != ReviewState.CLOSED;
      var open = new Button(toAnswer ? "Review" : "Results", e -> {
        if (toAnswer) {
          UI.getCurrent().navigate(BlindReviewView.class, BlindReviewView.params(r.id()));
        } else {
          UI.getCurrent().navigate(ReviewResultsView.class, BlindReviewView.params(r.id()));
        }
      });
      open.addThemeVariants(ButtonVariant.LUMO_SMALL);
      return open;
    }).setAutoWidth(true);
    list.setEmptyStateText("No reviews for you yet.");
    list.setId("reviews");
    add(new H2("Blind reviews"), new Paragraph("People judge a grid's images without seeing the wording; the results say"
        + " whether they agreed with each other and with the checker."), form, create, error, list);
    refresh();
  }

  void refresh() {
    list.setItems(reviews.reviews());
  }

  private void create() {
    if (grid.isEmpty()) {
      showError("Choose a grid to review");
      return;
    }
    try {
      var id = reviews.create(grid.getValue().id(), question.getValue(), kind.getValue(),
          Arrays.stream(reviewers.getValue().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
      error.setVisible(false);
      UI.getCurrent().navigate(ReviewResultsView.class, BlindReviewView.params(id));
    } catch (ReviewException e) {
      showError(e.getMessage());
    }
  }

  private void showError(String message) {
    error.setText(message);
    error.setVisible(true);
  }

  static Optional<UUID> uuid(String s) {
    try {
      return Optional.of(UUID.fromString(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
