package workbench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.account.AppUser;
import workbench.account.Role;
import workbench.account.SignIn;
import workbench.grid.GridService;
import workbench.review.ReviewTestGrids;

/**
 * The OpenAPI description is the truth (issue 19, point 10). Every operation of the REST API is
 * called on the running app (its embedded PostgreSQL, real tokens), for its successes and for
 * the refusals it documents, and every answer is checked against {@code /v3/api-docs} by
 * Atlassian's swagger-request-validator: the status must be one the operation documents, the
 * Content-Type one of that status's media types, and a JSON body must match its schema (types,
 * formats, enums, nullable, required members, and no member the schema does not name). No check
 * is written by hand here: the description is the only expectation, and an operation the test
 * does not call, or a call to a path the description lacks, fails it too.
 * {@link #theCheckFailsWhereTheDescriptionLies} shows it notices a description that is wrong.
 */
class ApiContractTest extends RunningApi {

  private static final String PASSWORD = "contract-password-1";

  @Autowired GridService grids;
  @Autowired JdbcClient jdbc;

  private final Set<String> called = new TreeSet<>();
  /** Each disagreement once (per operation, status and message), with the first body that showed it. */
  private final Map<String, String> failures = new LinkedHashMap<>();
  private OpenApiInteractionValidator validator;

  @Test
  void everyOperationAnswersAsTheDescriptionSays() throws Exception {
    var description = JSON.readTree(send(request("/v3/api-docs").GET()).body());
    // Kept for reading (and for a failure's report): the description as served.
    Files.writeString(Path.of("target", "openapi.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(description));
    validator = validatorFor(description.toString());
    var ed = user("ed", PASSWORD, Role.EDITOR);
    var vic = user("vic", PASSWORD, Role.VIEWER);
    var bob = user("bob", PASSWORD, Role.VIEWER);

    // Tokens: made with the password; the second is never used (lastUsedAt null), then revoked.
    var token = httpPost("/api/v1/tokens").basic(ed, PASSWORD).json("{\"name\": \"contract\"}").expect(201).json()
        .path("token").asText();
    httpPost("/api/v1/tokens").basic(ed, PASSWORD).json(null).expect(400);
    httpPost("/api/v1/tokens").basic(ed, "not-the-password").json("{\"name\": \"x\"}").expect(401);
    long unused = httpPost("/api/v1/tokens").basic(ed, PASSWORD).json("{\"name\": \"never used\"}").expect(201).json()
        .path("id").asLong();
    httpGet("/api/v1/tokens").token(token).expect(200);
    httpDelete("/api/v1/tokens/{id}", unused).token(token).expect(200);
    httpDelete("/api/v1/tokens/{id}", "x").token(token).expect(400);
    httpDelete("/api/v1/tokens/{id}", 0).token(token).expect(404);
    httpGet("/api/v1/tokens").expect(401);
    httpGet("/api/v1/tokens").token(token).expect(200);
    var viewer = token(vic, PASSWORD);
    var reviewer = token(bob, PASSWORD);

    // Libraries and prompts.
    httpGet("/api/v1/libraries").token(token).expect(200);
    httpGet("/api/v1/libraries").query("archived=perhaps").token(token).expect(400);
    var name = SignIn.unique("Contract");
    long libraryId = httpPost("/api/v1/libraries").token(token).json("{\"name\": \"" + name + "\"}").expect(201).json()
        .path("id").asLong();
    httpPost("/api/v1/libraries").token(token).json("{\"name\": \"" + name + "\"}").expect(409);
    httpPost("/api/v1/libraries").token(token).json("{not json").expect(400);
    httpPost("/api/v1/libraries").token(viewer).json("{\"name\": \"Viewer's\"}").expect(403);
    httpGet("/api/v1/libraries/{id}", libraryId).token(token).expect(200);
    httpGet("/api/v1/libraries/{id}", "abc").token(token).expect(400);
    httpGet("/api/v1/libraries/{id}", 0).token(token).expect(404);
    var fingers = "{\"title\": \"five fingers\", \"text\": \"a hand:: five fingers::2\", \"tags\": [\"hands\"]}";
    long promptId = httpPost("/api/v1/libraries/{id}/prompts", libraryId).token(token).json(fingers).expect(201).json()
        .path("id").asLong();
    httpPost("/api/v1/libraries/{id}/prompts", libraryId).token(token).json(fingers).expect(409);
    httpPost("/api/v1/libraries/{id}/prompts", libraryId).token(token)
        .json("{\"title\": \"bad\", \"text\": \"apple:: tart::2x\"}").expect(400);
    httpPost("/api/v1/libraries/{id}/prompts", 0).token(token).json(fingers).expect(404);
    httpPost("/api/v1/libraries/{id}/prompts", libraryId).token(viewer).json(fingers).expect(403);
    httpGet("/api/v1/libraries/{id}/prompts", libraryId).token(token).expect(200);
    httpGet("/api/v1/libraries/{id}/prompts", 0).token(token).expect(404);
    httpGet("/api/v1/prompts/{id}", promptId).token(token).expect(200);
    httpGet("/api/v1/prompts/{id}", 0).token(token).expect(404);
    var reweighted = "{\"text\": \"a hand:: five fingers::3\"}";
    httpPost("/api/v1/prompts/{id}/versions", promptId).token(token).json(reweighted).expect(201);
    httpPost("/api/v1/prompts/{id}/versions", promptId).token(token).json(reweighted).expect(200);
    httpPost("/api/v1/prompts/{id}/versions", promptId).token(token).json("{\"text\": \"a hand::2x\"}").expect(400);
    httpPost("/api/v1/prompts/{id}/versions", 0).token(token).json(reweighted).expect(404);

    // styles.csv both ways.
    httpGet("/api/v1/libraries/{id}/styles.csv", libraryId).token(token).expect(200);
    httpGet("/api/v1/libraries/{id}/styles.csv", 0).token(token).expect(404);
    var styles = FormatsApiTest.resource("/styles-csv/gaseousice-styles.csv");
    httpPost("/api/v1/libraries/styles.csv").query("name=" + encode(SignIn.unique("Styles"))).token(token)
        .body("text/csv", styles).expect(201);
    httpPost("/api/v1/libraries/styles.csv").query("name=bad").token(token)
        .body("text/csv", "title,prompt\nA,b\n".getBytes(StandardCharsets.UTF_8)).expect(400);
    httpPost("/api/v1/libraries/styles.csv").query("name=viewer").token(viewer).body("text/csv", styles).expect(403);

    // Parsing, models, recall.
    httpPost("/api/v1/parse").token(token).json("{\"text\": \"apple:: tart::2 --no red\"}").expect(200);
    httpPost("/api/v1/parse").token(token).json("{\"text\": \"apple:: tart::2x\"}").expect(400);
    httpGet("/api/v1/models").token(token).expect(200);
    httpPost("/api/v1/recall").query("name=img2img.png").token(token)
        .body("image/png", FormatsApiTest.resource("/png-metadata/sd-parsers/img2img_cropped.png")).expect(200);
    httpPost("/api/v1/recall").query("name=notes.png").token(token)
        .body("image/png", "hello".getBytes(StandardCharsets.UTF_8)).expect(400);

    // A run: its image is 409 until it is done (or 200 if it already is); polled while it runs.
    var ball = "{\"prompt\": \"a blue ball\", \"seed\": 11, \"steps\": 2, \"upscale\": 1, \"process\": \"evolve\"}";
    var runId = httpPost("/api/v1/runs").token(token).json(ball).expect(202).json().path("id").asText();
    httpGet("/api/v1/runs/{id}/image", runId).token(token).expect(409, 200);
    httpPost("/api/v1/runs").token(viewer).json(ball).expect(403);
    httpPost("/api/v1/runs").token(token).json("{\"prompt\": \"a ball::2x\", \"seed\": 1}").expect(400);
    var guided = "{\"prompt\": \"a red ball\", \"seed\": 3, \"steps\": 2, \"upscale\": 1, \"process\": \"diffusion\","
        + " \"negativePrompt\": \"night\", \"cfgScale\": 5}";
    var guidedRun = httpPost("/api/v1/runs").token(token).json(guided).expect(202).json();
    assertThat(guidedRun.path("recipe").path("negativePrompt").asText()).isEqualTo("night");
    assertThat(guidedRun.path("recipe").path("schedule").path("stages").path(0).path("settings").path("guidance").asDouble())
        .isEqualTo(5.0);
    httpPost("/api/v1/runs").token(token).json("{\"promptId\": 999999999, \"seed\": 1}").expect(404);
    awaitDone(runId, token);
    httpGet("/api/v1/runs/{id}/image", runId).token(token).expect(200);
    httpGet("/api/v1/runs/{id}/image", runId).query("kind=static").token(token).expect(200);
    httpGet("/api/v1/runs/{id}/image", runId).query("kind=thumbnail").token(token).expect(400);
    httpGet("/api/v1/runs/{id}/image", UUID.randomUUID()).token(token).expect(404);
    httpPost("/api/v1/runs/{id}/cancel", runId).token(token).expect(200);
    httpPost("/api/v1/runs/{id}/cancel", runId).token(viewer).expect(403);
    httpPost("/api/v1/runs/{id}/cancel", UUID.randomUUID()).token(token).expect(404);
    httpGet("/api/v1/runs/{id}", UUID.randomUUID()).token(token).expect(404);
    httpGet("/api/v1/runs/{id}", "abc").token(token).expect(400);

    // The run's loop: its snapshots (evolve predicts no final image), the filmstrip and the GIF.
    var snapshots = httpGet("/api/v1/runs/{id}/snapshots", runId).token(token).expect(200).json();
    assertThat(snapshots.size()).as("snapshots of the done run").isPositive();
    int last = snapshots.get(snapshots.size() - 1).path("step").asInt();
    httpGet("/api/v1/runs/{id}/snapshots", UUID.randomUUID()).token(token).expect(404);
    httpGet("/api/v1/runs/{id}/snapshots", "abc").token(token).expect(400);
    httpGet("/api/v1/runs/{id}/snapshots/{step}", runId, 0).token(token).expect(200);
    httpGet("/api/v1/runs/{id}/snapshots/{step}", runId, last).query("kind=image").token(token).expect(200);
    httpGet("/api/v1/runs/{id}/snapshots/{step}", runId, last).query("kind=predicted").token(token).expect(404);
    httpGet("/api/v1/runs/{id}/snapshots/{step}", runId, last).query("kind=noisy").token(token).expect(400);
    httpGet("/api/v1/runs/{id}/snapshots/{step}", runId, 999).token(token).expect(404);
    httpGet("/api/v1/runs/{id}/snapshots/{step}", runId, "last").token(token).expect(400);
    httpGet("/api/v1/runs/{id}/filmstrip", runId).token(token).expect(200);
    httpGet("/api/v1/runs/{id}/filmstrip", runId).query("terms=true").token(token).expect(200);
    httpGet("/api/v1/runs/{id}/filmstrip", runId).query("terms=perhaps").token(token).expect(400);
    httpGet("/api/v1/runs/{id}/filmstrip", UUID.randomUUID()).token(token).expect(404);
    httpGet("/api/v1/runs/{id}/animation", runId).token(token).expect(200);
    httpGet("/api/v1/runs/{id}/animation", UUID.randomUUID()).token(token).expect(404);
    httpGet("/api/v1/runs/{id}/animation", "abc").token(token).expect(400);
    // A queued run has kept nothing yet: a copy of the done one written as QUEUED, with no job queued
    // for it, so no worker takes it while it is asked for; cancelled, it stays without snapshots.
    var queued = UUID.randomUUID();
    jdbc.sql("""
        insert into run (id, status, recipe_json, prompt_text, seed, process, model_id, steps, owner_id)
        select ?, 'QUEUED', recipe_json, prompt_text, seed, process, model_id, steps, owner_id from run where id = ?""")
        .params(queued, UUID.fromString(runId)).update();
    httpGet("/api/v1/runs/{id}/snapshots", queued).token(token).expect(200);
    httpGet("/api/v1/runs/{id}/image", queued).token(token).expect(409);
    httpGet("/api/v1/runs/{id}/filmstrip", queued).token(token).expect(409);
    httpGet("/api/v1/runs/{id}/animation", queued).token(token).expect(409);
    httpPost("/api/v1/runs/{id}/cancel", queued).token(token).expect(200);
    httpGet("/api/v1/runs/{id}/filmstrip", queued).token(token).expect(404);
    httpGet("/api/v1/runs/{id}/animation", queued).token(token).expect(404);

    // Grids: one finished (its cells written as done), one only stored, and the refusals.
    var finished = ReviewTestGrids.finishedGrid(grids, jdbc, ed, 2, List.of(bob.username()));
    httpGet("/api/v1/grids/{id}", finished).token(token).expect(200);
    httpGet("/api/v1/grids/{id}", UUID.randomUUID()).token(token).expect(404);
    httpGet("/api/v1/grids/{id}", "abc").token(token).expect(400);
    httpGet("/api/v1/grids/{id}/results", finished).token(token).expect(200);
    httpGet("/api/v1/grids/{id}/results", UUID.randomUUID()).token(token).expect(404);
    for (var format : List.of("wikitext", "markdown", "json", "contact-sheet", "zip")) {
      httpGet("/api/v1/grids/{id}/exports/{format}", finished, format).token(token).expect(200);
    }
    httpGet("/api/v1/grids/{id}/exports/{format}", finished, "pdf").token(token).expect(400);
    httpGet("/api/v1/grids/{id}/exports/{format}", UUID.randomUUID(), "json").token(token).expect(404);
    httpPost("/api/v1/grids/{id}/start", finished).token(token).expect(200);
    httpPost("/api/v1/grids/{id}/start", finished).token(viewer).expect(403);
    httpPost("/api/v1/grids/{id}/start", UUID.randomUUID()).token(token).expect(404);
    httpPost("/api/v1/grids/{id}/cancel", finished).token(token).expect(200);
    httpPost("/api/v1/grids/{id}/cancel", finished).token(viewer).expect(403);
    httpPost("/api/v1/grids/{id}/cancel", UUID.randomUUID()).token(token).expect(404);
    var stored = httpPost("/api/v1/grids").token(token).json("""
        {"title": "Stored", "variants": [{"label": "A", "prompt": "a hand"}, {"label": "B", "promptId": %d}],
         "seeds": [1], "steps": 1, "upscale": 1, "start": false}""".formatted(promptId)).expect(202).json()
        .path("id").asText();
    httpGet("/api/v1/grids/{id}/results", stored).token(token).expect(200);
    var whenAxis = httpPost("/api/v1/grids").token(token).json("""
        {"title": "When", "variants": [{"label": "A", "prompt": "a hand"}, {"label": "B", "prompt": "a [hand:fist:0.5]"}],
         "seeds": [1], "steps": 4, "upscale": 1, "start": false,
         "axis": {"kind": "when", "values": ["0.25", "0.75"]}}""").expect(202).json().path("id").asText();
    assertThat(httpGet("/api/v1/grids/{id}/results", whenAxis).token(token).expect(200).json()
        .at("/definition/axis/kind").asText()).isEqualTo("WHEN");
    httpPost("/api/v1/grids").token(token).json("""
        {"title": "When", "variants": [{"label": "A", "prompt": "a hand"}, {"label": "B", "prompt": "a fist"}],
         "seeds": [1], "steps": 4, "upscale": 1, "start": false,
         "axis": {"kind": "when", "values": ["0.25", "0.75"]}}""").expect(400);
    var twoRows = "\"title\": \"Refused\", \"variants\": [{\"label\": \"A\", \"prompt\": \"apple\"},"
        + " {\"label\": \"B\", \"prompt\": \"tart\"}]";
    httpPost("/api/v1/grids").token(token).json("{" + twoRows.replace("tart", "tart::2x") + ", \"seeds\": [1]}").expect(400);
    httpPost("/api/v1/grids").token(token).json("{\"title\": \"Refused\", \"variants\": [{\"label\": \"A\","
        + " \"promptId\": 999999999}, {\"label\": \"B\", \"prompt\": \"tart\"}], \"seeds\": [1]}").expect(404);
    httpPost("/api/v1/grids").token(viewer).json("{" + twoRows + ", \"seeds\": [1]}").expect(403);
    httpPost("/api/v1/grids").token(token).json("{" + twoRows + ", \"seeds\": " + seeds(64) + ", \"steps\": 1,"
        + " \"upscale\": 8, \"axis\": {\"kind\": \"steps\", \"values\": [\"1\", \"2\", \"3\"]}}").expect(413);
    httpPost("/api/v1/grids").token(token).json("{" + twoRows + ", \"seeds\": " + seeds(48) + ", \"steps\": 1,"
        + " \"upscale\": 1}").expect(429);

    // A blind review of the finished grid: bob reviews, ed owns it.
    var scale = "{\"gridId\": \"" + finished + "\", \"question\": \"Are the hands right?\", \"kind\": \"scale\","
        + " \"reviewers\": [\"" + bob.username() + "\"]}";
    var reviewId = httpPost("/api/v1/reviews").token(token).json(scale).expect(201).json().path("id").asText();
    httpPost("/api/v1/reviews").token(token).json(scale.replace("scale", "stars")).expect(400);
    httpPost("/api/v1/reviews").token(viewer).json(scale).expect(403);
    httpGet("/api/v1/reviews").token(token).expect(200);
    httpGet("/api/v1/reviews/{id}", reviewId).token(token).expect(200);
    httpGet("/api/v1/reviews/{id}", UUID.randomUUID()).token(token).expect(404);
    httpGet("/api/v1/reviews/{id}", "abc").token(token).expect(400);
    httpGet("/api/v1/reviews/{id}/next", reviewId).token(token).expect(403);
    httpGet("/api/v1/reviews/{id}/next", UUID.randomUUID()).token(reviewer).expect(404);
    httpGet("/api/v1/reviews/{id}/items/{position}", reviewId, 0).token(reviewer).expect(200);
    httpGet("/api/v1/reviews/{id}/items/{position}", reviewId, 99).token(reviewer).expect(400);
    httpGet("/api/v1/reviews/{id}/items/{position}", reviewId, 0).token(token).expect(403);
    httpGet("/api/v1/reviews/{id}/items/{position}/images/{side}", reviewId, 0, 0).token(reviewer).expect(200);
    httpGet("/api/v1/reviews/{id}/items/{position}/images/{side}", reviewId, 0, 1).token(reviewer).expect(400);
    httpGet("/api/v1/reviews/{id}/items/{position}/images/{side}", UUID.randomUUID(), 0, 0).token(reviewer).expect(404);
    httpGet("/api/v1/reviews/{id}/results", reviewId).token(reviewer).expect(409);
    httpPost("/api/v1/reviews/{id}/items/{position}/answer", reviewId, 0).token(reviewer).json("{\"answer\": \"9\"}")
        .expect(400);
    httpPost("/api/v1/reviews/{id}/items/{position}/answer", reviewId, 0).token(token).json("{\"answer\": \"4\"}")
        .expect(403);
    var next = httpGet("/api/v1/reviews/{id}/next", reviewId).token(reviewer).expect(200).json();
    for (int i = 0; i < 10 && !next.path("done").asBoolean(true); i++) {
      next = httpPost("/api/v1/reviews/{id}/items/{position}/answer", reviewId, next.path("item").path("position").asInt())
          .token(reviewer).json("{\"answer\": \"4\"}").expect(200).json();
    }
    // The judge joins as one more reviewer (the grid is on the built-in Sketchbook models), once. It reads each
    // cell's claims from its run's recipe, which the grid's runs were written without: they get the ball run's.
    jdbc.sql("update run set recipe_json = (select recipe_json from run where id = ?)"
        + " where id in (select run_id from experiment_cell where experiment_id = ?)")
        .params(UUID.fromString(runId), finished).update();
    httpPost("/api/v1/reviews/{id}/judge", reviewId).token(reviewer).expect(403);
    httpPost("/api/v1/reviews/{id}/judge", reviewId).token(token).expect(200);
    httpPost("/api/v1/reviews/{id}/judge", reviewId).token(token).expect(400);
    httpPost("/api/v1/reviews/{id}/judge", UUID.randomUUID()).token(token).expect(404);
    httpPost("/api/v1/reviews/{id}/judge", "abc").token(token).expect(400);
    httpPost("/api/v1/reviews/{id}/show", reviewId).token(reviewer).expect(403);
    httpPost("/api/v1/reviews/{id}/show", reviewId).token(token).expect(200);
    httpPost("/api/v1/reviews/{id}/show", UUID.randomUUID()).token(token).expect(404);
    httpGet("/api/v1/reviews/{id}/results", reviewId).token(reviewer).expect(200);
    httpGet("/api/v1/reviews/{id}/results", UUID.randomUUID()).token(reviewer).expect(404);
    httpPost("/api/v1/reviews/{id}/close", reviewId).token(reviewer).expect(403);
    httpPost("/api/v1/reviews/{id}/close", reviewId).token(token).expect(200);
    httpPost("/api/v1/reviews/{id}/close", UUID.randomUUID()).token(token).expect(404);
    httpPost("/api/v1/reviews/{id}/judge", reviewId).token(token).expect(409);
    httpPost("/api/v1/reviews/{id}/items/{position}/answer", reviewId, 0).token(reviewer).json("{\"answer\": \"3\"}")
        .expect(409);

    var documented = operations(description);
    var notCalled = new TreeSet<>(documented);
    notCalled.removeAll(called);
    var notDocumented = new TreeSet<>(called);
    notDocumented.removeAll(documented);
    var report = failures.entrySet().stream().map(e -> e.getKey() + "\n    " + e.getValue())
        .collect(Collectors.joining("\n"));
    Files.writeString(Path.of("target", "api-contract-failures.txt"), report);
    assertThat(failures.keySet()).as("answers that disagree with /v3/api-docs (all of them, with a body each, in"
        + " target/api-contract-failures.txt)").isEmpty();
    assertThat(notCalled).as("documented operations this test does not call").isEmpty();
    assertThat(notDocumented).as("operations called that /v3/api-docs does not have").isEmpty();
  }

  /**
   * The same kind of check on a description made wrong in three ways: the last use of a token
   * typed non-null, the 201 of POST /api/v1/libraries left out, and PNG answers said to be JPEG.
   * The true description passes the same answers.
   */
  @Test
  void theCheckFailsWhereTheDescriptionLies() throws Exception {
    var truth = (ObjectNode) JSON.readTree(send(request("/v3/api-docs").GET()).body());
    var lie = truth.deepCopy();
    ((ObjectNode) lie.at("/components/schemas/ApiToken/properties/lastUsedAt")).remove("nullable");
    ((ObjectNode) lie.at("/paths/~1api~1v1~1libraries/post/responses")).remove("201");
    var png = (ObjectNode) lie.at("/paths/~1api~1v1~1runs~1{id}~1image/get/responses/200/content");
    png.set("image/jpeg", png.remove("image/png"));

    var ed = user("liar", PASSWORD, Role.EDITOR);
    var token = token(ed, PASSWORD);
    token(ed, PASSWORD); // never used: its lastUsedAt is null
    var tokens = exchange("GET", "/api/v1/tokens", httpGet("/api/v1/tokens").token(token));
    var library = exchange("POST", "/api/v1/libraries",
        httpPost("/api/v1/libraries").token(token).json("{\"name\": \"" + SignIn.unique("Lies") + "\"}"));
    var image = exchange("GET", "/api/v1/runs/" + UUID.randomUUID() + "/image", null);

    validator = validatorFor(truth.toString());
    assertThat(errors(tokens)).isEmpty();
    assertThat(errors(library)).isEmpty();
    validator = validatorFor(lie.toString());
    assertThat(errors(tokens)).anySatisfy(e -> assertThat(e).contains("/lastUsedAt").contains("null"));
    assertThat(errors(library)).anySatisfy(e -> assertThat(e).contains("status 201 not defined"));
    assertThat(errors(image)).anySatisfy(e -> assertThat(e).contains("'image/png'").contains("image/jpeg"));
  }

  // --- calling and checking -----------------------------------------------------------------

  /** One request to the app, named by its OpenAPI path template; {@link #expect} sends it and checks the answer. */
  final class Call {
    private final String method;
    private final String template;
    private final String path;
    private String query = "";
    private String authorization = "";
    private String contentType = "";
    private byte[] body;

    Call(String method, String template, Object... values) {
      this.method = method;
      this.template = template;
      var path = template;
      for (var value : values) {
        path = path.replaceFirst("\\{[^}]+}", encode(String.valueOf(value)).replace("+", "%20"));
      }
      this.path = path;
    }

    Call query(String query) {
      this.query = "?" + query;
      return this;
    }

    Call token(String token) {
      authorization = "Bearer " + token;
      return this;
    }

    Call basic(AppUser user, String password) {
      authorization = RunningApi.basic(user.username(), password);
      return this;
    }

    /** A JSON body; null sends none, with the JSON Content-Type all the same. */
    Call json(String json) {
      return body("application/json", json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    Call body(String type, byte[] bytes) {
      contentType = type;
      body = bytes;
      return this;
    }

    HttpResponse<byte[]> send() throws Exception {
      var builder = request(path + query);
      if (!authorization.isEmpty()) {
        builder.header("Authorization", authorization);
      }
      if (!contentType.isEmpty()) {
        builder.header("Content-Type", contentType);
      }
      var publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
      builder.method(method, publisher);
      return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends it, checks the answer against the description, and notes a status other than those expected. */
    Answer expect(int... statuses) throws Exception {
      called.add(method + " " + template);
      var response = send();
      var answer = new Answer(method, path, response);
      for (var error : errors(answer)) {
        failures.putIfAbsent(method + " " + template + " answered " + response.statusCode() + ": " + error,
            method + " " + path + query + ": " + answer.excerpt());
      }
      if (Arrays.stream(statuses).noneMatch(s -> s == response.statusCode())) {
        failures.putIfAbsent(method + " " + path + query + " answered " + response.statusCode() + ", not "
            + Arrays.toString(statuses) + " (this test's own expectation)", answer.excerpt());
      }
      return answer;
    }
  }

  /** An answer as the validator reads it. */
  record Answer(String method, String path, HttpResponse<byte[]> response) {

    String contentType() {
      return response.headers().firstValue("Content-Type").orElse("");
    }

    JsonNode json() throws Exception {
      return JSON.readTree(response.body());
    }

    String excerpt() {
      var text = new String(response.body(), StandardCharsets.UTF_8);
      return contentType().contains("json") ? text.substring(0, Math.min(text.length(), 600))
          : "(" + response.body().length + " bytes of " + contentType() + ")";
    }
  }

  private Call httpGet(String template, Object... values) {
    return new Call("GET", template, values);
  }

  private Call httpPost(String template, Object... values) {
    return new Call("POST", template, values);
  }

  private Call httpDelete(String template, Object... values) {
    return new Call("DELETE", template, values);
  }

  /** A call made for {@link #theCheckFailsWhereTheDescriptionLies}; null: a PNG answer made up here. */
  private Answer exchange(String method, String path, Call call) throws Exception {
    if (call != null) {
      return new Answer(method, path, call.send());
    }
    return new Answer(method, path, new PngAnswer());
  }

  /** What the validator says is wrong with an answer: each error as one line. */
  private List<String> errors(Answer answer) {
    var response = SimpleResponse.Builder.status(answer.response().statusCode());
    if (!answer.contentType().isEmpty()) {
      response.withContentType(answer.contentType());
    }
    var bytes = answer.response().body();
    if (bytes.length > 0) {
      if (answer.contentType().contains("json")) {
        response.withBody(new String(bytes, StandardCharsets.UTF_8));
      } else {
        response.withBody(bytes);
      }
    }
    var report = validator.validateResponse(answer.path(),
        Request.Method.valueOf(answer.method().toUpperCase(Locale.ROOT)), response.build());
    return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(m -> m.getKey() + ": " + m.getMessage()
            + (m.getAdditionalInfo().isEmpty() ? "" : " " + m.getAdditionalInfo()))
        .toList();
  }

  /**
   * Only the answers are checked (a request this test sends wrong on purpose is still a request
   * the API must answer as documented), but a path or method the description lacks is an error.
   * Members a schema does not name are errors too.
   */
  private static OpenApiInteractionValidator validatorFor(String description) {
    return OpenApiInteractionValidator.createForInlineApiSpecification(description)
        .withLevelResolver(LevelResolver.create()
            .withDefaultLevel(ValidationReport.Level.ERROR)
            .withLevel("validation.request", ValidationReport.Level.IGNORE)
            .withLevel("validation.request.path.missing", ValidationReport.Level.ERROR)
            .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.ERROR)
            .withLevel("validation.response", ValidationReport.Level.ERROR)
            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
            .build())
        .build();
  }

  /** Every operation the description has, as "METHOD /path/{template}". */
  private static Set<String> operations(JsonNode description) {
    var out = new TreeSet<String>();
    description.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
        out.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }));
    return out;
  }

  private void awaitDone(String runId, String token) throws Exception {
    var status = await("run " + runId + " finished").atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500))
        .until(() -> httpGet("/api/v1/runs/{id}", runId).token(token).expect(200).json().path("status").asText(),
            s -> !s.equals("QUEUED") && !s.equals("RUNNING"));
    assertThat(status).as("the run").isEqualTo("DONE");
  }

  private static String seeds(int count) {
    return LongStream.range(0, count).mapToObj(Long::toString).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A 200 PNG answer, as GET /api/v1/runs/{id}/image gives one. */
  private static final class PngAnswer implements HttpResponse<byte[]> {

    @Override
    public int statusCode() {
      return 200;
    }

    @Override
    public HttpRequest request() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return HttpHeaders.of(Map.of("Content-Type", List.of("image/png")), (a, b) -> true);
    }

    @Override
    public byte[] body() {
      return new byte[] {(byte) 0x89, 'P', 'N', 'G'};
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return URI.create("http://localhost/");
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
