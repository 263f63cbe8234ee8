package workbench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.account.Role;
import workbench.grid.GridService;
import workbench.loop.PngMetadata;
import workbench.review.ReviewTestGrids;

/**
 * A blind review over HTTP with tokens: the owner starts it, a reviewer walks their items
 * (nothing in the JSON or the PNGs tells the wording), results answer 409 until shown, and
 * someone not on the review gets the same 404 as for an id that never existed.
 */
class ApiReviewFlowTest extends RunningApi {

  @Autowired GridService grids;
  @Autowired JdbcClient jdbc;

  @Test
  void aReviewerAnswersBlindAndReadsTheResultsOnceShown() throws Exception {
    var alice = user("alice", "alice-password-1", Role.EDITOR);
    var bob = user("bob", "bob-password-1", Role.VIEWER);
    var dave = user("dave", "dave-password-1", Role.EDITOR);
    var grid = ReviewTestGrids.finishedGrid(grids, jdbc, alice, 2, List.of(bob.username()));
    var aliceToken = token(alice, "alice-password-1");
    var bobToken = token(bob, "bob-password-1");
    var daveToken = token(dave, "dave-password-1");

    var bad = post("/api/v1/reviews", aliceToken, "{\"gridId\":\"" + grid + "\",\"question\":\"Hands?\",\"kind\":\"stars\","
        + "\"reviewers\":[\"" + bob.username() + "\"]}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("detail").asText()).isEqualTo("Unknown answer kind 'stars': yes-no, scale or pairwise");
    assertThat(post("/api/v1/reviews", bobToken, "{\"gridId\":\"" + grid + "\",\"question\":\"Hands?\",\"kind\":\"scale\","
        + "\"reviewers\":[\"" + bob.username() + "\"]}").statusCode()).as("a viewer starts no review").isEqualTo(403);

    var made = post("/api/v1/reviews", aliceToken, "{\"gridId\":\"" + grid + "\",\"question\":\"Are the hands right?\","
        + "\"kind\":\"scale\",\"reviewers\":[\"" + bob.username() + "\"]}");
    assertThat(made.statusCode()).isEqualTo(201);
    var id = json(made).get("id").asText();
    assertThat(made.headers().firstValue("Location")).hasValue("/api/v1/reviews/" + id);
    assertThat(json(made).get("items").asInt()).isEqualTo(4);

    var next = get("/api/v1/reviews/" + id + "/next", bobToken);
    assertThat(next.statusCode()).isEqualTo(200);
    for (var secret : List.of(ReviewTestGrids.PROMPT_A, ReviewTestGrids.PROMPT_B, ReviewTestGrids.LABEL_A,
        ReviewTestGrids.LABEL_B, grid.toString(), "seed", "score")) {
      assertThat(next.body()).doesNotContainIgnoringCase(secret);
    }
    int answered = 0;
    while (!json(next).get("done").asBoolean()) {
      var item = json(next).get("item");
      var png = getBytes(item.get("images").get(0).asText(), bobToken);
      assertThat(png.statusCode()).as(item.get("images").get(0).asText() + " -> " + new String(png.body())).isEqualTo(200);
      assertThat(PngMetadata.read(png.body())).isEmpty();
      next = post(item.get("answerAt").asText(), bobToken, "{\"answer\":\"" + (answered % 2 == 0 ? "4" : "skip") + "\"}");
      assertThat(next.statusCode()).isEqualTo(200);
      answered++;
    }
    assertThat(answered).isEqualTo(4);
    var wrong = post("/api/v1/reviews/" + id + "/items/0/answer", bobToken, "{\"answer\":\"9\"}");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(json(wrong).get("field").asText()).isEqualTo("answer");

    var hidden = get("/api/v1/reviews/" + id + "/results", bobToken);
    assertThat(hidden.statusCode()).isEqualTo(409);
    assertThat(json(hidden).get("detail").asText()).contains("private until the owner shows or closes");

    var notYours = get("/api/v1/reviews/" + id, daveToken);
    var never = get("/api/v1/reviews/" + UUID.randomUUID(), daveToken);
    assertThat(notYours.statusCode()).isEqualTo(404);
    assertThat(never.statusCode()).isEqualTo(404);
    assertThat(json(notYours).get("title").asText()).isEqualTo(json(never).get("title").asText());

    assertThat(post("/api/v1/reviews/" + id + "/close", bobToken, "").statusCode()).isEqualTo(403);
    assertThat(post("/api/v1/reviews/" + id + "/close", aliceToken, "").statusCode()).isEqualTo(200);
    var results = get("/api/v1/reviews/" + id + "/results", bobToken);
    assertThat(results.statusCode()).isEqualTo(200);
    assertThat(json(results).get("ratings")).hasSizeGreaterThanOrEqualTo(1);
    assertThat(json(results).get("verdict").asText()).startsWith("People preferred");
    assertThat(post("/api/v1/reviews/" + id + "/items/0/answer", bobToken, "{\"answer\":\"3\"}").statusCode()).isEqualTo(409);
  }
}
