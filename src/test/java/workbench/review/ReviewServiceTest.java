package workbench.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import workbench.DatabaseTest;
import workbench.account.AppUser;
import workbench.account.Role;
import workbench.account.SignIn;
import workbench.account.UserService;
import workbench.grid.GridService;
import workbench.loop.PngMetadata;

/**
 * Blind reviews on the real PostgreSQL and checker: each reviewer's own stored order, two
 * reviewers at once, answers private until shown, nothing that tells the wording in what a
 * reviewer gets, and the roles of grids.
 */
class ReviewServiceTest extends DatabaseTest {

  @Autowired ReviewService reviews;
  @Autowired GridService grids;
  @Autowired UserService users;
  @Autowired JdbcClient jdbc;

  AppUser alice;
  AppUser bob;
  AppUser carol;
  AppUser dave;
  UUID grid;

  @BeforeEach
  void aFinishedGridSharedWithTwoReviewers() {
    SignIn.asSetupAdmin();
    alice = users.create(SignIn.unique("alice"), "alice-password", Role.EDITOR);
    bob = users.create(SignIn.unique("bob"), "bob-password", Role.EDITOR);
    carol = users.create(SignIn.unique("carol"), "carol-password", Role.VIEWER);
    dave = users.create(SignIn.unique("dave"), "dave-password", Role.EDITOR);
    grid = ReviewTestGrids.finishedGrid(grids, jdbc, alice, 4, List.of(bob.username(), carol.username()));
  }

  @Test
  void twoReviewersAnswerAtOnceInTheirOwnStoredOrderAndResultsOpenWhenShown() throws Exception {
    var review = SignIn.as(alice, () -> reviews.create(grid, "Are the hands right?", AnswerKind.SCALE,
        List.of(bob.username(), carol.username())));

    // Each reviewer's order is the shuffle of their stored seed, the same at every visit (resume).
    for (var reviewer : List.of(bob, carol)) {
      var order = ReviewService.order(seedOf(review, reviewer), 8);
      assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
      var first = SignIn.as(reviewer, () -> reviews.next(review)).orElseThrow();
      assertThat(first.position()).isZero();
      assertThat(first.total()).isEqualTo(8);
    }

    // Both answer at the same time: B's cells get 5 from bob, 4 from carol; A's cells 2 from both.
    var pool = Executors.newFixedThreadPool(2);
    var tasks = new ArrayList<Callable<Integer>>();
    for (var reviewer : List.of(bob, carol)) {
      tasks.add(() -> SignIn.as(reviewer, () -> {
        int answered = 0;
        for (var item = reviews.next(review); item.isPresent(); answered++) {
          int row = rowAt(review, reviewer, item.get().position());
          int rating = row == 1 ? (reviewer == bob ? 5 : 4) : 2;
          item = reviews.answer(review, item.get().position(), Integer.toString(rating));
        }
        return answered;
      }));
    }
    for (var f : pool.invokeAll(tasks)) {
      assertThat(f.get()).isEqualTo(8);
    }
    pool.shutdown();
    assertThat(jdbc.sql("select count(*) from review_answer where review_id = ?").params(review).query(Long.class).single())
        .isEqualTo(16);
    SignIn.run(bob, () -> assertThat(reviews.next(review)).isEmpty());

    // Private until shown: not the reviewers, not even the owner, who sees only how far each got.
    for (var user : List.of(alice, bob, carol)) {
      SignIn.run(user, () -> assertThatThrownBy(() -> reviews.results(review)).isInstanceOf(ReviewException.class)
          .hasMessageContaining("private until the owner shows or closes"));
    }
    SignIn.run(alice, () -> assertThat(reviews.progress(review))
        .extracting(ReviewResults.ReviewerProgress::answered).containsExactly(8, 8));
    SignIn.run(bob, () -> assertThatThrownBy(() -> reviews.show(review)).isInstanceOf(AccessDeniedException.class));

    SignIn.run(alice, () -> reviews.show(review));
    var results = SignIn.as(carol, () -> reviews.results(review));
    assertThat(results.ratings()).extracting(ReviewResults.VariantRating::variant)
        .containsExactly(ReviewTestGrids.LABEL_A, ReviewTestGrids.LABEL_B);
    var a = results.ratings().get(0);
    var b = results.ratings().get(1);
    assertThat(a.value()).isEqualTo(2.0);
    assertThat(b.value()).isEqualTo(4.5);
    assertThat(b.ci95Low()).isGreaterThan(a.ci95High());
    assertThat(b.answers()).isEqualTo(8);
    // Same seeds: B wins on all 4.
    assertThat(results.comparisons()).singleElement().satisfies(c -> {
      assertThat(c.wins()).isEqualTo(4);
      assertThat(c.seeds()).isEqualTo(4);
      assertThat(c.meanDifference()).isEqualTo(2.5);
    });
    // Agreed on every A cell, one step apart on every B cell: ordinal alpha 0.792 (worked by hand
    // from the coincidence matrix: 1 − (n − 1)·Do/De = 1 − 15 · 128 / 9216), "moderate".
    assertThat(results.agreement().metric()).isEqualTo(KrippendorffAlpha.Metric.ORDINAL);
    assertThat(results.agreement().alpha()).isCloseTo(0.7917, Assertions.within(0.0001));
    assertThat(results.agreement().interpretation()).contains("agree only moderately");
    // The checker's scores rise with the row (40 + 10·row + seed), as people's ratings do.
    assertThat(results.peopleVsChecker().cells()).isEqualTo(8);
    assertThat(results.peopleVsChecker().spearman()).isGreaterThan(0.8);
    assertThat(results.verdict()).startsWith("People preferred " + ReviewTestGrids.LABEL_B)
        .contains("The checker scored " + ReviewTestGrids.LABEL_B + " highest too");

    // The grid's exports carry the shown review's results.
    SignIn.run(alice, () -> {
      assertThat(grids.wikitext(grid)).contains("== Blind review: <nowiki>Are the hands right?</nowiki> ==")
          .contains("People preferred " + ReviewTestGrids.LABEL_B).contains("mean rating (1–5)");
      assertThat(grids.markdown(grid)).contains("## Blind review: Are the hands right?").contains("| 4.50 |");
    });

    // Closed: no more answers, in words.
    SignIn.run(alice, () -> reviews.close(review));
    SignIn.run(bob, () -> assertThatThrownBy(() -> reviews.answer(review, 0, "3")).isInstanceOf(ReviewException.class)
        .hasMessageContaining("closed"));
  }

  @Test
  void aReviewerSeesOnlyTheirOwnAnswersAndOthersSeeNoReviewAtAll() {
    var review = SignIn.as(alice, () -> reviews.create(grid, "Five fingers?", AnswerKind.YES_NO,
        List.of(bob.username(), carol.username())));
    SignIn.run(bob, () -> reviews.answer(review, 0, "yes"));
    SignIn.run(bob, () -> reviews.answer(review, 1, "u"));
    assertThat(SignIn.as(bob, () -> reviews.item(review, 0)).answer()).isEqualTo("yes");
    assertThat(SignIn.as(bob, () -> reviews.item(review, 1)).answer()).isEqualTo("unsure");
    assertThat(SignIn.as(bob, () -> reviews.next(review)).orElseThrow().position()).isEqualTo(2);

    // Carol answers the same items as hers: none of bob's answers shows through.
    for (int position = 0; position < 8; position++) {
      int p = position;
      assertThat(SignIn.as(carol, () -> reviews.item(review, p)).answer()).isEmpty();
      assertThat(SignIn.as(carol, () -> reviews.item(review, p)).answered()).isZero();
    }
    assertThat(SignIn.as(carol, () -> reviews.next(review)).orElseThrow().position()).isZero();
    SignIn.run(carol, () -> assertThatThrownBy(() -> reviews.results(review)).hasMessageContaining("private"));
    SignIn.run(alice, () -> assertThat(grids.wikitext(grid)).doesNotContain("Blind review"));

    // Someone not on the review: it does not exist, in the same words as a made-up id.
    var madeUp = UUID.randomUUID();
    SignIn.run(dave, () -> {
      assertThat(reviews.find(review)).isEmpty();
      assertThat(reviews.reviews()).extracting(Review::id).doesNotContain(review);
      assertThatThrownBy(() -> reviews.next(review)).isInstanceOf(ReviewException.class)
          .hasMessage("There is no review " + review);
      assertThatThrownBy(() -> reviews.next(madeUp)).isInstanceOf(ReviewException.class)
          .hasMessage("There is no review " + madeUp);
      assertThatThrownBy(() -> reviews.results(review)).hasMessage("There is no review " + review);
    });
    // The owner who is not a reviewer answers nothing.
    SignIn.run(alice, () -> assertThatThrownBy(() -> reviews.next(review)).isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("Only the invited reviewers"));
  }

  @Test
  void whatAReviewerGetsCarriesNoPromptLabelOrScore() {
    var review = SignIn.as(alice, () -> reviews.create(grid, "Which hand is better?", AnswerKind.PAIRWISE,
        List.of(bob.username())));
    SignIn.run(bob, () -> {
      var item = reviews.next(review).orElseThrow();
      var text = item.toString();
      for (var secret : List.of(ReviewTestGrids.PROMPT_A, ReviewTestGrids.PROMPT_B, ReviewTestGrids.LABEL_A, ReviewTestGrids.LABEL_B,
          "fingers::", grid.toString())) {
        assertThat(text).doesNotContain(secret);
      }
      for (int side = 0; side < 2; side++) {
        var png = reviews.image(review, item.position(), side);
        assertThat(PngMetadata.read(png)).as("no text chunk: the stored PNG's carries its prompt").isEmpty();
        assertThat(new String(png, StandardCharsets.ISO_8859_1)).doesNotContain("fingers");
      }
    });
    var stored = jdbc.sql("select png from image where kind = 'FINAL' and run_id = (select run_a from review_item"
        + " where review_id = ? and item_index = 0)").params(review).query(byte[].class).single();
    assertThat(PngMetadata.read(stored).get("parameters")).contains("fingers");
  }

  @Test
  void pairwiseAnswersAreStoredByRowWhicheverSideTheRowWasShownOn() throws Exception {
    var review = SignIn.as(alice, () -> reviews.create(grid, "Which hand is better?", AnswerKind.PAIRWISE,
        List.of(bob.username(), carol.username())));
    var order = ReviewService.order(seedOf(review, bob), 4);
    int leftWasA = 0;
    for (int position = 0; position < 4; position++) {
      int p = position;
      var left = PngMetadata.decode(SignIn.as(bob, () -> reviews.image(review, p, 0)));
      SignIn.run(bob, () -> reviews.answer(review, p, "left"));
      int item = order[position];
      short stored = jdbc.sql("select value from review_answer where review_id = ? and user_id = ? and item_index = ?")
          .params(review, bob.id(), item).query(Short.class).single();
      int seedIndex = jdbc.sql("select seed_index from review_item where review_id = ? and item_index = ?")
          .params(review, item).query(Integer.class).single();
      // The stored winner's row is the row whose picture was on the left.
      assertThat(samePixels(left, ReviewTestGrids.picture(stored, 100 + seedIndex))).isTrue();
      leftWasA += stored == 0 ? 1 : 0;
      SignIn.run(carol, () -> reviews.answer(review, p, AnswerKind.SKIP));
    }
    SignIn.run(bob, () -> assertThat(reviews.item(review, 0).answer()).isEqualTo("left"));
    SignIn.run(alice, () -> reviews.close(review));
    var results = SignIn.as(alice, () -> reviews.results(review));
    assertThat(results.bradleyTerry()).hasSize(2);
    assertThat(results.reviewers()).extracting(ReviewResults.ReviewerProgress::skipped).containsExactly(0, 4);
    double shareA = results.ratings().get(0).value();
    assertThat(shareA).isEqualTo(leftWasA / 4.0);
    assertThat(results.agreement().interpretation()).contains("no item has answers from two");
  }

  @Test
  void rolesAsForGridsAndBadInputNamedWithNothingSaved() {
    long before = jdbc.sql("select count(*) from review").query(Long.class).single();
    SignIn.run(carol, () -> assertThatThrownBy(() -> reviews.create(grid, "q", AnswerKind.SCALE, List.of(bob.username())))
        .isInstanceOf(AccessDeniedException.class));
    SignIn.run(bob, () -> assertThatThrownBy(() -> reviews.create(grid, "q", AnswerKind.SCALE, List.of(bob.username())))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("Only the owner of grid"));
    SignIn.run(dave, () -> assertThatThrownBy(() -> reviews.create(grid, "q", AnswerKind.SCALE, List.of(bob.username())))
        .isInstanceOf(ReviewException.class).hasMessage("There is no grid " + grid));
    SignIn.run(alice, () -> {
      assertThatThrownBy(() -> reviews.create(grid, "Hands?", AnswerKind.SCALE, List.of(bob.username(), dave.username())))
          .isInstanceOf(ReviewException.class)
          .hasMessage("Reviewer '" + dave.username() + "' may not read grid '" + grids.find(grid).orElseThrow().definition().title()
              + "': share the grid with them first");
      assertThatThrownBy(() -> reviews.create(grid, "Hands?", AnswerKind.SCALE, List.of("nobody-like-this")))
          .hasMessage("There is no user 'nobody-like-this'");
      assertThatThrownBy(() -> reviews.create(grid, "  ", AnswerKind.SCALE, List.of(bob.username())))
          .hasMessageContaining("Ask a question");
      assertThatThrownBy(() -> reviews.create(grid, "Hands?", AnswerKind.SCALE, List.of()))
          .hasMessageContaining("Invite at least one reviewer");
    });
    assertThat(jdbc.sql("select count(*) from review").query(Long.class).single()).isEqualTo(before);

    var review = SignIn.as(alice, () -> reviews.create(grid, "Hands?", AnswerKind.SCALE, List.of(carol.username())));
    SignIn.run(carol, () -> {
      assertThatThrownBy(() -> reviews.answer(review, 0, "7")).isInstanceOf(ReviewException.class)
          .hasMessage("A scale 1–5 review takes 1, 2, 3, 4, 5 or skip; got '7'");
      assertThatThrownBy(() -> reviews.answer(review, 8, "3")).hasMessage("This review has items 0–7; there is no item 8");
      assertThatThrownBy(() -> reviews.image(review, 0, 1)).hasMessage("This item has no image 1");
    });
    assertThat(jdbc.sql("select count(*) from review_answer where review_id = ?").params(review).query(Long.class).single()).isZero();
    // An admin may close anyone's review, as they may change anyone's grid.
    SignIn.asSetupAdmin();
    assertThat(reviews.close(review).state()).isEqualTo(ReviewState.CLOSED);
  }

  private long seedOf(UUID review, AppUser reviewer) {
    return jdbc.sql("select shuffle_seed from review_reviewer where review_id = ? and user_id = ?")
        .params(review, reviewer.id()).query(Long.class).single();
  }

  /** Which grid row the reviewer's item at {@code position} shows (what the test knows, the reviewer does not). */
  private int rowAt(UUID review, AppUser reviewer, int position) {
    int item = ReviewService.order(seedOf(review, reviewer), 8)[position];
    return jdbc.sql("select row_a from review_item where review_id = ? and item_index = ?").params(review, item)
        .query(Integer.class).single();
  }

  private static boolean samePixels(BufferedImage a, BufferedImage b) {
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if ((a.getRGB(x, y) & 0xffffff) != (b.getRGB(x, y) & 0xffffff)) {
          return false;
        }
      }
    }
    return true;
  }
}
