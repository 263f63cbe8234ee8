package workbench.review.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.ShortcutsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.KaribuTest;
import workbench.account.AppUser;
import workbench.account.Role;
import workbench.account.SignIn;
import workbench.account.UserService;
import workbench.grid.GridService;
import workbench.loop.RecipeFactory;
import workbench.loop.RecipeText;
import workbench.review.AnswerKind;
import workbench.review.ReviewResults;
import workbench.review.ReviewService;
import workbench.review.ReviewTestGrids;
import workbench.run.GenerationService;
import workbench.run.RunWaits;

/**
 * The blind view in a mocked browser: nothing in its component tree (texts, attributes,
 * properties: what Vaadin sends) tells the wording; the keyboard answers, skips and goes
 * back; the results page opens only when the owner shows it.
 */
class BlindReviewViewTest extends KaribuTest {

  @Autowired ReviewService reviews;
  @Autowired GridService grids;
  @Autowired UserService users;
  @Autowired JdbcClient jdbc;
  @Autowired GenerationService generation;

  AppUser alice;
  AppUser bob;
  UUID grid;

  @BeforeEach
  void aGridAndAReviewer() {
    alice = users.create(SignIn.unique("alice"), "alice-password", Role.EDITOR);
    bob = users.create(SignIn.unique("bob"), "bob-password", Role.VIEWER);
    grid = ReviewTestGrids.finishedGrid(grids, jdbc, alice, 2, List.of(bob.username()));
  }

  @Test
  void theBlindViewSendsNoPromptLabelSeedOrScore() {
    var review = SignIn.as(alice, () -> reviews.create(grid, "Which hand is better?", AnswerKind.PAIRWISE, List.of(bob.username())));
    SignIn.as(bob);
    UI.getCurrent().navigate(BlindReviewView.class, BlindReviewView.params(review));
    var sent = new StringBuilder();
    collect(UI.getCurrent(), sent);
    var page = sent.toString();
    assertThat(page).contains("Which hand is better?").contains("Left is better");
    var secrets = new ArrayList<>(List.of(ReviewTestGrids.PROMPT_A, ReviewTestGrids.PROMPT_B,
        ReviewTestGrids.LABEL_A, ReviewTestGrids.LABEL_B, grids.find(grid).orElseThrow().definition().title(), grid.toString(),
        "fingers", "score", "seed"));
    secrets.addAll(jdbc.sql("select run_id::text from experiment_cell where experiment_id = ?").params(grid).query(String.class).list());
    for (var secret : secrets) {
      assertThat(page).as("the page must not carry '%s'", secret).doesNotContainIgnoringCase(secret);
    }
  }

  @Test
  void theKeyboardAnswersSkipsGoesBackAndFinishes() {
    var review = SignIn.as(alice, () -> reviews.create(grid, "Are the hands right?", AnswerKind.SCALE, List.of(bob.username())));
    SignIn.as(bob);
    UI.getCurrent().navigate(BlindReviewView.class, BlindReviewView.params(review));
    MockVaadin.clientRoundtrip(); // shortcuts take effect with the response
    assertThat(_get(Span.class, spec -> spec.withId("review-where")).getText()).startsWith("Item 1 of 4 · 0 answered");

    ShortcutsKt.fireShortcut(Key.DIGIT_4);
    assertThat(answers(review)).containsExactly("4");
    ShortcutsKt.fireShortcut(Key.KEY_Y); // not an answer on a 1–5 scale: ignored
    ShortcutsKt.fireShortcut(Key.KEY_S);
    assertThat(answers(review)).containsExactlyInAnyOrder("4", "skip");
    assertThat(_get(Span.class, spec -> spec.withId("review-where")).getText()).startsWith("Item 3 of 4 · 2 answered");
    assertThat(_get(ProgressBar.class).getValue()).isEqualTo(0.5);

    ShortcutsKt.fireShortcut(Key.BACKSPACE);
    assertThat(_get(Span.class, spec -> spec.withId("review-where")).getText()).isEqualTo("Item 2 of 4 · 2 answered · your answer: skip");
    ShortcutsKt.fireShortcut(Key.DIGIT_2); // replaces the skip
    ShortcutsKt.fireShortcut(Key.NUMPAD_5);
    _click(_get(Button.class, spec -> spec.withId("answer-1")));
    assertThat(answers(review)).containsExactlyInAnyOrder("4", "2", "5", "1");
    assertThat(_get(Paragraph.class, spec -> spec.withId("review-done")).isVisible()).isTrue();
    assertThat(_get(ProgressBar.class).getValue()).isEqualTo(1.0);

    // Resume: a new visit opens at the end; leaving the page stops its keys.
    UI.getCurrent().navigate(ReviewsView.class);
    ShortcutsKt.fireShortcut(Key.DIGIT_3);
    assertThat(answers(review)).containsExactlyInAnyOrder("4", "2", "5", "1");
  }

  @Test
  void theResultsPageOpensWhenTheOwnerShowsIt() throws InterruptedException {
    var review = SignIn.as(alice, () -> reviews.create(grid, "Are the hands right?", AnswerKind.YES_NO, List.of(bob.username())));
    SignIn.run(bob, () -> {
      for (var item = reviews.next(review); item.isPresent(); ) {
        item = reviews.answer(review, item.get().position(), "yes");
      }
    });
    SignIn.as(alice);
    UI.getCurrent().navigate(ReviewResultsView.class, BlindReviewView.params(review));
    assertThat(_get(Paragraph.class, spec -> spec.withId("results-hidden")).isVisible()).isTrue();
    _click(_get(Button.class, spec -> spec.withId("show-review")));
    // The results are worked out on a pool thread; they arrive through UI.access.
    awaitUntil(() -> !_find(Paragraph.class, spec -> spec.withId("review-verdict")).isEmpty());
    assertThat(_get(Paragraph.class, spec -> spec.withId("review-verdict")).getText()).startsWith("People preferred");
    // Karibu's lookups see visible components only: the note about private answers is gone.
    assertThat(_find(Paragraph.class, spec -> spec.withId("results-hidden"))).isEmpty();
    assertThat(_get(Paragraph.class, spec -> spec.withId("review-agreement")).getText())
        .contains("no item has answers from two reviewers");
  }

  @Test
  void theOwnerAddsTheJudgeFromTheResultsPageAndItsAnswersShowBesidePeoples() throws InterruptedException {
    var review = SignIn.as(alice, () -> reviews.create(grid, "Are the hands right?", AnswerKind.YES_NO, List.of(bob.username())));
    SignIn.run(bob, () -> {
      for (var item = reviews.next(review); item.isPresent(); ) {
        item = reviews.answer(review, item.get().position(), "yes");
      }
    });
    // The judge reads each cell's prompt from its recipe: give the cells the recipes the loop stores.
    for (var run : jdbc.sql("select r.id, r.prompt_text, r.seed from run r join experiment_cell c on c.run_id = r.id"
        + " where c.experiment_id = ?").params(grid).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getLong(3))).list()) {
      var recipe = generation.recipe(new RecipeFactory.Request((String) run.get(1), "", (Long) run.get(2), 4, "guided", 1));
      jdbc.sql("update run set recipe_json = ? where id = ?::uuid").params(RecipeText.json(recipe), run.get(0)).update();
    }
    // A reviewer does not get the button: adding the judge is the owner's.
    SignIn.as(bob);
    UI.getCurrent().navigate(ReviewResultsView.class, BlindReviewView.params(review));
    assertThat(_find(Button.class, spec -> spec.withId("add-judge"))).isEmpty();

    SignIn.as(alice);
    UI.getCurrent().navigate(ReviewResultsView.class, BlindReviewView.params(review));
    var judge = _get(Button.class, spec -> spec.withId("add-judge"));
    _click(judge);
    // The judge reads the images on a pool thread; the button says so meanwhile and cannot be pressed twice.
    assertThat(judge.getText()).isEqualTo("The judge is answering…");
    assertThat(judge.isEnabled()).isFalse();
    awaitUntil(() -> _find(Button.class, spec -> spec.withId("add-judge")).isEmpty());
    // It joined once: the button is gone, and the progress table lists it with every item answered.
    @SuppressWarnings("unchecked")
    var progress = (Grid<ReviewResults.ReviewerProgress>) _get(
        Grid.class, spec -> spec.withId("review-progress-table"));
    assertThat(GridKt._findAll(progress))
        .filteredOn(ReviewResults.ReviewerProgress::judge).singleElement()
        .satisfies(p -> assertThat(p.answered()).isEqualTo(4));
    assertThat(jdbc.sql("select count(*) from review_judge_answer where review_id = ?").params(review)
        .query(Long.class).single()).isEqualTo(4);

    _click(_get(Button.class, spec -> spec.withId("show-review")));
    awaitUntil(() -> _find(Paragraph.class, spec -> spec.withId("review-judge")).size() == 1);
    assertThat(_get(Paragraph.class, spec -> spec.withId("review-judge")).getText())
        .startsWith("the judge (sketchbook-v1 judge ").contains("its answers are not in people's figures").contains("4 items, 8 answers");
  }

  /** Pool-thread work reaches the page through UI.access: run round trips until it shows. */
  private static void awaitUntil(BooleanSupplier shown) {
    RunWaits.until("the page", Duration.ofMinutes(5), MockVaadin::clientRoundtrip, shown);
    assertThat(shown.getAsBoolean()).as("shown within five minutes").isTrue();
  }

  private List<String> answers(UUID review) {
    return jdbc.sql("select coalesce(value::text, 'skip') from review_answer where review_id = ? and user_id = ?")
        .params(review, bob.id()).query(String.class).list();
  }

  /** Every text, attribute and property of the tree: what the server sends the browser about it. */
  private static void collect(Component component, StringBuilder out) {
    var element = component.getElement();
    out.append(element.getText()).append('\n');
    element.getAttributeNames().forEach(name -> out.append(name).append('=').append(element.getAttribute(name)).append('\n'));
    element.getPropertyNames().forEach(name -> out.append(name).append('=').append(element.getPropertyRaw(name)).append('\n'));
    component.getChildren().forEach(child -> collect(child, out));
  }
}
