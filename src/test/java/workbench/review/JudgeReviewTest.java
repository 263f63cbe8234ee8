package workbench.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.assertj.core.api.Assertions;
import org.assertj.core.util.DoubleComparator;
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
import workbench.account.Visibility;
import workbench.grid.ExperimentDefinition.Axis;
import workbench.grid.ExperimentDefinition.Variant;
import workbench.grid.ExperimentDefinition;
import workbench.grid.GridService;
import workbench.grid.export.ExperimentJson;
import workbench.loop.PngMetadata;
import workbench.loop.RecipeFactory;
import workbench.loop.RecipeText;
import workbench.run.GenerationService;
import workbench.sketchbook.Background;
import workbench.sketchbook.Colour;
import workbench.sketchbook.ObjectKind;
import workbench.sketchbook.Position;
import workbench.sketchbook.Scene;
import workbench.sketchbook.SceneObject;
import workbench.sketchbook.Size;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Style;

/**
 * The independent judge as one more reviewer, with the shipped judge weights on the real
 * PostgreSQL. Every cell of the grid shows a red apple on a table (Sketchbook renders, which
 * the judge reads well), so the judge must find row A's prompt met and row B's not: what it
 * answers follows from the images and the prompts, not from anything the test tells it.
 */
class JudgeReviewTest extends DatabaseTest {

  static final String APPLE = "a red apple on a table";
  static final String BALLS = "two blue balls in the sky";

  @Autowired ReviewService reviews;
  @Autowired GridService grids;
  @Autowired GenerationService generation;
  @Autowired UserService users;
  @Autowired JdbcClient jdbc;

  AppUser alice;
  AppUser bob;
  AppUser carol;
  UUID grid;

  @BeforeEach
  void aGridOfRedApples() {
    SignIn.asSetupAdmin();
    alice = users.create(SignIn.unique("alice"), "alice-password", Role.EDITOR);
    bob = users.create(SignIn.unique("bob"), "bob-password", Role.EDITOR);
    carol = users.create(SignIn.unique("carol"), "carol-password", Role.VIEWER);
    grid = SignIn.as(alice, () -> {
      var id = grids.create(new ExperimentDefinition(SignIn.unique("Judge review"), "", List.of(
          new Variant("apple row", APPLE, "", 0), new Variant("balls row", BALLS, "", 0)),
          ExperimentDefinition.seedsFrom(100, 3), List.of(), Axis.none(), 4, "guided", 1));
      for (int r = 0; r < 2; r++) {
        for (int s = 0; s < 3; s++) {
          var run = insertRun(alice.id(), r == 0 ? APPLE : BALLS, 100 + s, redApple(s));
          jdbc.sql("insert into experiment_cell (experiment_id, row_index, seed_index, axis_index, run_id) values (?, ?, ?, 0, ?)")
              .params(id, r, s, run).update();
        }
      }
      grids.share(id, Visibility.SHARED, List.of(bob.username(), carol.username()));
      return id;
    });
  }

  @Test
  void judgeAnswersYesNoByThePromptsClaimsAndIsHeldAgainstPeople() {
    var review = SignIn.as(alice, () -> reviews.create(grid, "Does it show what was asked?", AnswerKind.YES_NO,
        List.of(bob.username())));
    // Bob says yes to the apples and no to the "balls", except one ball cell he calls yes.
    SignIn.run(bob, () -> {
      boolean oneWrong = true;
      for (var item = reviews.next(review); item.isPresent(); ) {
        int row = rowAt(review, item.get().position(), bob);
        String answer = row == 0 ? "yes" : oneWrong ? "yes" : "no";
        oneWrong &= row == 0;
        item = reviews.answer(review, item.get().position(), answer);
      }
    });

    var joined = SignIn.as(alice, () -> reviews.addJudge(review));
    assertThat(joined.judge()).startsWith("sketchbook-v1 judge ");
    // Stored as a reviewer's answers: yes for every apple-row cell, no for every balls-row cell.
    assertThat(judgeAnswersByRow(review)).isEqualTo(Map.of(0, List.of(1, 1, 1), 1, List.of(0, 0, 0)));
    SignIn.run(alice, () -> assertThat(reviews.progress(review)).filteredOn(ReviewResults.ReviewerProgress::judge)
        .singleElement().satisfies(p -> {
          assertThat(p.reviewer()).isEqualTo("the judge (" + joined.judge() + ")");
          assertThat(p.answered()).isEqualTo(6);
        }));
    // Its answers are private like people's until the review is shown.
    SignIn.run(bob, () -> assertThatThrownBy(() -> reviews.results(review)).isInstanceOf(ReviewException.class));

    SignIn.run(alice, () -> reviews.show(review));
    var results = SignIn.as(bob, () -> reviews.results(review));
    // People's figures are bob's alone: the judge's answers are never counted as a person's.
    assertThat(results.ratings()).extracting(ReviewResults.VariantRating::value)
        .usingElementComparator(new DoubleComparator(1e-12))
        .containsExactly(1.0, 1 / 3.0);
    var vsJudge = results.peopleVsJudge();
    assertThat(vsJudge.joined()).isTrue();
    assertThat(vsJudge.judgeRatings()).extracting(ReviewResults.VariantRating::value).containsExactly(1.0, 0.0);
    assertThat(vsJudge.reviewers()).singleElement().satisfies(p -> {
      assertThat(p.reviewer()).isEqualTo(bob.username());
      assertThat(p.items()).isEqualTo(6);
      assertThat(p.agreed()).isEqualTo(5);
    });
    // Bob and the judge as two coders on 6 items, differing on one: nominal alpha 24/35 (worked below).
    assertThat(vsJudge.withJudge().alpha()).isCloseTo(alphaOneOff(), Assertions.within(1e-9));
    assertThat(results.verdict()).contains("The judge gave people's answer 5 times in 6 (83%).");
  }

  @Test
  void judgeRatesOneToFiveByTheShareOfClaimsMetAndPicksTheTruerImageOfAPair() {
    var scale = SignIn.as(alice, () -> reviews.create(grid, "How well does it match?", AnswerKind.SCALE, List.of(bob.username())));
    SignIn.run(alice, () -> reviews.addJudge(scale));
    // Every claim of the apple prompt holds (5); none of "two blue balls in the sky" does (1).
    assertThat(judgeAnswersByRow(scale)).isEqualTo(Map.of(0, List.of(5, 5, 5), 1, List.of(1, 1, 1)));

    var pairs = SignIn.as(alice, () -> reviews.create(grid, "Which is better?", AnswerKind.PAIRWISE, List.of(bob.username())));
    SignIn.run(alice, () -> reviews.addJudge(pairs));
    // Value 0: row A's image, stored by row as people's answers are.
    assertThat(jdbc.sql("select value from review_judge_answer where review_id = ?").params(pairs).query(Integer.class).list())
        .containsExactly(0, 0, 0);
    SignIn.run(alice, () -> reviews.close(pairs));
    var results = SignIn.as(alice, () -> reviews.results(pairs));
    assertThat(results.peopleVsJudge().judgeRatings()).extracting(ReviewResults.VariantRating::value).containsExactly(1.0, 0.0);
    // Nobody answered: no people's figure, and no Bradley–Terry from the judge's answers.
    assertThat(results.ratings()).isEmpty();
    assertThat(results.bradleyTerry()).isEmpty();
  }

  @Test
  void onlyTheOwnerOrAnAdminAddsTheJudgeOnceWhileTheReviewIsOpenAndOnlyOnSketchbookGrids() {
    var review = SignIn.as(alice, () -> reviews.create(grid, "Right?", AnswerKind.YES_NO, List.of(bob.username(), carol.username())));
    // A reviewer who is an editor, a viewer: not theirs to add.
    SignIn.run(bob, () -> assertThatThrownBy(() -> reviews.addJudge(review)).isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("Only the owner"));
    SignIn.run(carol, () -> assertThatThrownBy(() -> reviews.addJudge(review)).isInstanceOf(AccessDeniedException.class));
    assertThat(jdbc.sql("select count(*) from review_judge where review_id = ?").params(review).query(Long.class).single()).isZero();

    SignIn.run(alice, () -> reviews.addJudge(review));
    SignIn.run(alice, () -> assertThatThrownBy(() -> reviews.addJudge(review)).isInstanceOf(ReviewException.class)
        .hasMessage("The judge has already answered this review"));

    var closed = SignIn.as(alice, () -> reviews.create(grid, "Closed?", AnswerKind.YES_NO, List.of(bob.username())));
    SignIn.run(alice, () -> reviews.close(closed));
    SignIn.run(alice, () -> assertThatThrownBy(() -> reviews.addJudge(closed)).isInstanceOf(ReviewException.class)
        .hasMessage("The review is closed: it takes no more answers"));

    var other = SignIn.as(alice, () -> reviews.create(grid, "Other world?", AnswerKind.YES_NO, List.of(bob.username())));
    jdbc.sql("update experiment set model = 'clip-fixture' where id = ?").params(grid).update();
    SignIn.run(alice, () -> assertThatThrownBy(() -> reviews.addJudge(other)).isInstanceOf(ReviewException.class)
        .hasMessageContaining("The judge knows only the built-in Sketchbook world").hasMessageContaining("'clip-fixture'"));
  }

  @Test
  void aCellWhoseRecipeThisVersionCannotReadIsLeftUnansweredNotRefused() {
    var unreadable = jdbc.sql("select run_id from experiment_cell where experiment_id = ? and row_index = 0 and seed_index = 0")
        .params(grid).query(UUID.class).single();
    jdbc.sql("update run set recipe_json = '{}' where id = ?").params(unreadable).update();
    var review = SignIn.as(alice, () -> reviews.create(grid, "How well does it match?", AnswerKind.SCALE,
        List.of(bob.username())));

    SignIn.run(alice, () -> reviews.addJudge(review));

    var answers = jdbc.sql("""
        select i.row_a, i.seed_index, a.value, a.reason from review_judge_answer a
        join review_item i on i.review_id = a.review_id and i.item_index = a.item_index
        where a.review_id = ? order by i.row_a, i.seed_index""")
        .params(review).query((rs, n) -> rs.getInt(1) + "/" + rs.getInt(2) + ": " + rs.getObject(3) + " " + rs.getString(4))
        .list();
    assertThat(answers).containsExactly("0/0: null This cell's recipe has no terms to check",
        "0/1: 5 ", "0/2: 5 ", "1/0: 1 ", "1/1: 1 ", "1/2: 1 ");
  }

  @Test
  void gridJsonZipAndMarkdownCarryTheReviewResultsOnceShown() throws Exception {
    var review = SignIn.as(alice, () -> reviews.create(grid, "Does it show what was asked?", AnswerKind.YES_NO,
        List.of(bob.username())));
    SignIn.run(bob, () -> {
      for (var item = reviews.next(review); item.isPresent(); ) {
        item = reviews.answer(review, item.get().position(), rowAt(review, item.get().position(), bob) == 0 ? "yes" : "no");
      }
    });
    SignIn.run(alice, () -> reviews.addJudge(review));
    var json = new ObjectMapper();
    // Private answers leave nothing in the exports.
    assertThat(json.readTree(SignIn.as(alice, () -> grids.json(grid))).path("sections").isEmpty()).isTrue();

    SignIn.run(alice, () -> reviews.show(review));
    var exported = json.readTree(SignIn.as(alice, () -> grids.json(grid))).path("sections").path("reviews");
    assertThat(exported).hasSize(1);
    var r = exported.get(0);
    assertThat(r.path("results").path("review").path("question").asText()).isEqualTo("Does it show what was asked?");
    assertThat(r.path("results").path("ratings").get(0).path("value").asDouble()).isEqualTo(1.0);
    assertThat(r.path("results").path("ratings").get(1).path("value").asDouble()).isEqualTo(0.0);
    assertThat(r.path("results").path("verdict").asText()).startsWith("People preferred apple row");
    assertThat(r.path("results").path("peopleVsJudge").path("reviewers").get(0).path("agreed").asInt()).isEqualTo(6);
    assertThat(r.path("agreement").asText()).isNotEmpty();
    assertThat(r.path("agreementWithJudge").asText()).isNotEmpty();
    // Importing the file still reads only its definition.
    assertThat(ExperimentJson.readDefinition(SignIn.as(alice, () -> grids.json(grid))))
        .isEqualTo(SignIn.as(alice, () -> grids.find(grid).orElseThrow().definition()));

    // The ZIP's JSON is the same file.
    var zip = SignIn.as(alice, () -> grids.zip(grid));
    String zipped = null;
    try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().endsWith(".json")) {
          zipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    assertThat(json.readTree(zipped).path("sections").path("reviews").get(0).path("results").path("verdict").asText())
        .isEqualTo(r.path("results").path("verdict").asText());

    assertThat(SignIn.as(alice, () -> grids.markdown(grid))).contains("People vs judge: the judge (sketchbook-v1 judge ")
        .contains(bob.username() + " gave its answer on 6 of 6 items");
  }

  // --- helpers -----------------------------------------------------------------------------

  /** A flat red apple on a table, at a different place for each seed index: a scene the judge reads. */
  static Scene redApple(int s) {
    var position = List.of(Position.CENTRE, Position.LEFT, Position.RIGHT).get(s);
    return new Scene(1000 + s, Style.FLAT, Background.TABLE,
        List.of(new SceneObject(ObjectKind.APPLE, Colour.RED, Size.BIG, position, 1, 0)));
  }

  /** A finished run of {@code prompt} whose image is the render of {@code scene}, with the recipe the loop would store. */
  private UUID insertRun(long ownerId, String prompt, long seed, Scene scene) {
    var id = UUID.randomUUID();
    var recipe = generation.recipe(new RecipeFactory.Request(prompt, "", seed, 4, "guided", 1));
    var png = PngMetadata.write(Sketchbook.render(scene), Map.of("parameters", prompt));
    jdbc.sql("""
        insert into run (id, status, recipe_json, prompt_text, seed, process, model_id, steps, owner_id,
                         score_final, finished_at)
        values (?, 'DONE', ?, ?, ?, 'guided', '', 4, ?, 50, now())""")
        .params(id, RecipeText.json(recipe), prompt, seed, ownerId).update();
    for (var kind : List.of("RAW", "FINAL")) {
      jdbc.sql("insert into image (run_id, kind, png, width, height, sha256) values (?, ?, ?, 64, 64, repeat('0', 64))")
          .params(id, kind, png).update();
    }
    return id;
  }

  /** The judge's stored answers grouped by the row of the item's cell, in seed order. */
  private Map<Integer, List<Integer>> judgeAnswersByRow(UUID review) {
    var out = new HashMap<Integer, List<Integer>>();
    jdbc.sql("""
        select i.row_a, a.value from review_judge_answer a
        join review_item i on i.review_id = a.review_id and i.item_index = a.item_index
        where a.review_id = ? order by i.row_a, i.seed_index""")
        .params(review)
        .query((rs, n) -> out.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getInt(2))).list();
    return out;
  }

  /** The row of the cell at a reviewer's position (test-only knowledge: the reviewer never gets it). */
  private int rowAt(UUID review, int position, AppUser reviewer) {
    long seed = jdbc.sql("select shuffle_seed from review_reviewer where review_id = ? and user_id = ?")
        .params(review, reviewer.id()).query(Long.class).single();
    int items = jdbc.sql("select count(*) from review_item where review_id = ?").params(review).query(Integer.class).single();
    int item = ReviewService.order(seed, items)[position];
    return jdbc.sql("select row_a from review_item where review_id = ? and item_index = ?").params(review, item)
        .query(Integer.class).single();
  }

  /**
   * Krippendorff's nominal alpha for two coders on 6 items who differ on one (yes/no), worked
   * from the coincidence matrix: n = 12 pairable values, o(yes,no) = o(no,yes) = 1, n_yes = 7,
   * n_no = 5; alpha = 1 − (n − 1)·(o(yes,no) + o(no,yes)) / (2·n_yes·n_no) = 1 − 11·2/70 = 24/35.
   */
  private static double alphaOneOff() {
    return 24.0 / 35;
  }
}
