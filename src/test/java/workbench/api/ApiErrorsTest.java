package workbench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.account.Role;
import workbench.account.SignIn;

/**
 * How the API refuses, through real HTTP: every refusal is a problem detail
 * (application/problem+json) with a clear message, and a refused request saves nothing.
 */
class ApiErrorsTest extends RunningApi {

  @Autowired JdbcClient jdbc;

  @Test
  void withoutAWorkingTokenEveryRequestIs401() throws Exception {
    var missing = send(request("/api/v1/libraries").GET());
    assertProblem(missing, 401);
    assertThat(missing.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
    assertThat(json(missing).get("detail").asText()).contains("Authorization: Bearer").contains("POST /api/v1/tokens");

    var invalid = get("/api/v1/libraries", "pwb_not-a-token-at-all");
    assertProblem(invalid, 401);
    assertThat(json(invalid).get("detail").asText()).contains("not valid");

    var ann = user("ann", "ann-password-1", Role.EDITOR);
    assertThat(send(request("/api/v1/libraries").header("Authorization", basic(ann.username(), "ann-password-1")).GET())
        .statusCode()).as("a password opens only POST /api/v1/tokens").isEqualTo(401);
    var wrongPassword = send(request("/api/v1/tokens").header("Authorization", basic(ann.username(), "nope-nope-nope"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")));
    assertProblem(wrongPassword, 401);
    assertThat(wrongPassword.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");

    var token = token(ann, "ann-password-1");
    var read = get("/api/v1/libraries", token);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Set-Cookie")).as("stateless: no session").isEmpty();
    var listed = json(get("/api/v1/tokens", token));
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("lastUsedAt").isNull()).as("its use is recorded").isFalse();
    assertThat(token).startsWith(listed.get(0).get("prefix").asText());
    long id = listed.get(0).get("id").asLong();

    var revoked = delete("/api/v1/tokens/" + id, token);
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(json(revoked).get("revokedAt").isNull()).isFalse();
    assertProblem(get("/api/v1/libraries", token), 401);
    assertThat(jdbc.sql("select count(*) from audit_event where action = 'api-token.revoke' and target_id = ?")
        .params(String.valueOf(id)).query(Long.class).single()).isEqualTo(1);

    var second = token(ann, "ann-password-1");
    assertThat(get("/api/v1/libraries", second).statusCode()).isEqualTo(200);
    SignIn.asSetupAdmin();
    users.setEnabled(ann.id(), false);
    SignIn.out();
    assertProblem(get("/api/v1/libraries", second), 401);
  }

  @Test
  void aViewersTokenReadsButCannotCreate() throws Exception {
    var vic = user("vic", "vic-password-1", Role.VIEWER);
    var token = token(vic, "vic-password-1");
    assertThat(get("/api/v1/libraries", token).statusCode()).isEqualTo(200);
    var refused = post("/api/v1/libraries", token, "{\"name\":\"Mine\"}");
    assertProblem(refused, 403);
    assertThat(json(refused).get("detail").asText()).contains("role");
    assertProblem(post("/api/v1/runs", token, "{\"prompt\":\"apple\",\"seed\":1,\"steps\":1}"), 403);
    assertThat(jdbc.sql("select count(*) from library where lower(name) = 'mine'").query(Long.class).single()).isZero();
  }

  @Test
  void aBadPromptIs400WithItsColumnAndSavesNothing() throws Exception {
    var eve = user("eve", "eve-password-1", Role.EDITOR);
    var token = token(eve, "eve-password-1");
    var parse = post("/api/v1/parse", token, "{\"text\":\"apple:: tart::2x\"}");
    assertProblem(parse, 400);
    assertThat(json(parse).get("column").asInt()).isEqualTo(15);
    assertThat(json(parse).get("detail").asText()).contains("column 15");
    assertThat(json(parse).get("hint").asText()).isNotBlank();

    long libraryId = json(post("/api/v1/libraries", token, "{\"name\":\"Tarts\"}")).get("id").asLong();
    var prompt = post("/api/v1/libraries/" + libraryId + "/prompts", token,
        "{\"title\":\"bad\",\"text\":\"apple:: tart::2x\"}");
    assertProblem(prompt, 400);
    assertThat(json(prompt).get("column").asInt()).isEqualTo(15);
    assertThat(json(prompt).get("field").asText()).isEqualTo("text");
    assertThat(json(get("/api/v1/libraries/" + libraryId + "/prompts", token))).isEmpty();

    // Classifier-free guidance's settings: only for diffusion, each refusal naming its field; nothing queued.
    long runs = jdbc.sql("select count(*) from run").query(Long.class).single();
    var guidedNegative = post("/api/v1/runs", token,
        "{\"prompt\": \"a red ball\", \"seed\": 1, \"process\": \"guided\", \"negativePrompt\": \"night\"}");
    assertProblem(guidedNegative, 400);
    assertThat(json(guidedNegative).get("field").asText()).isEqualTo("negativePrompt");
    assertThat(json(guidedNegative).get("detail").asText()).contains("'guided'");
    var tooStrong = post("/api/v1/runs", token,
        "{\"prompt\": \"a red ball\", \"seed\": 1, \"process\": \"diffusion\", \"cfgScale\": 31}");
    assertProblem(tooStrong, 400);
    assertThat(json(tooStrong).get("field").asText()).isEqualTo("cfgScale");
    assertThat(json(tooStrong).get("detail").asText()).isEqualTo("CFG scale must be 0 … 30; got 31.0");
    assertThat(jdbc.sql("select count(*) from run").query(Long.class).single()).isEqualTo(runs);

    long experiments = jdbc.sql("select count(*) from experiment").query(Long.class).single();
    var grid = post("/api/v1/grids", token, """
        {"title": "bad", "variants": [{"label": "A", "prompt": "apple"}, {"label": "B", "prompt": "apple:: tart::2x"}],
         "seeds": [1], "steps": 1, "upscale": 1}""");
    assertProblem(grid, 400);
    assertThat(json(grid).get("column").asInt()).isEqualTo(15);
    assertThat(json(grid).get("detail").asText()).contains("Row 2");
    var tooBig = post("/api/v1/grids", token, """
        {"title": "big", "variants": [{"label": "A", "prompt": "apple"}, {"label": "B", "prompt": "tart"}],
         "seeds": [%s], "steps": 1, "upscale": 8, "axis": {"kind": "steps", "values": ["1", "2", "3"]}}"""
        .formatted(String.join(",", LongStream.range(0, 64).mapToObj(Long::toString).toList())));
    assertProblem(tooBig, 413);
    assertThat(json(tooBig).get("detail").asText()).contains("workbench.grid.max-cells");
    assertThat(jdbc.sql("select count(*) from experiment").query(Long.class).single()).isEqualTo(experiments);

    var duplicate = post("/api/v1/libraries", token, "{\"name\":\"tarts\"}");
    assertProblem(duplicate, 409);
    assertThat(json(duplicate).get("detail").asText()).contains("already exists");
    assertProblem(post("/api/v1/libraries", token, "{not json"), 400);
    var nowhere = get("/api/v1/nowhere", token);
    assertProblem(nowhere, 404);
    assertThat(json(nowhere).get("detail").asText()).contains("GET /api/v1/nowhere");
  }

  @Test
  void aGridBeyondTheUsersQueueIs429AndNothingOfItIsStored() throws Exception {
    var quinn = user("quinn", "quinn-password", Role.EDITOR);
    var token = token(quinn, "quinn-password");
    long experiments = jdbc.sql("select count(*) from experiment").query(Long.class).single();
    long runs = jdbc.sql("select count(*) from run").query(Long.class).single();
    // 2 rows × 48 seeds = 96 cells = 6 batches of 16: more jobs than the limit of 4.
    var refused = post("/api/v1/grids", token, """
        {"title": "too many", "variants": [{"label": "A", "prompt": "apple"}, {"label": "B", "prompt": "tart"}],
         "seeds": [%s], "steps": 1, "upscale": 1}"""
        .formatted(String.join(",", LongStream.range(0, 48).mapToObj(Long::toString).toList())));
    assertProblem(refused, 429);
    assertThat(json(refused).get("detail").asText()).contains("workbench.limits.max-queued-jobs");
    assertThat(jdbc.sql("select count(*) from experiment").query(Long.class).single())
        .as("the grid is not left behind unstarted").isEqualTo(experiments);
    assertThat(jdbc.sql("select count(*) from run").query(Long.class).single()).isEqualTo(runs);
  }

  @Test
  void anotherUsersPrivateLibraryIsNotFound() throws Exception {
    var owner = user("olga", "olga-password-1", Role.EDITOR);
    var other = user("otto", "otto-password-1", Role.EDITOR);
    var olga = token(owner, "olga-password-1");
    var otto = token(other, "otto-password-1");
    long libraryId = json(post("/api/v1/libraries", olga, "{\"name\":\"Secret\"}")).get("id").asLong();
    long promptId = json(post("/api/v1/libraries/" + libraryId + "/prompts", olga,
        "{\"title\":\"p\",\"text\":\"apple\"}")).get("id").asLong();

    assertThat(get("/api/v1/libraries/" + libraryId, olga).statusCode()).isEqualTo(200);
    var hidden = get("/api/v1/libraries/" + libraryId, otto);
    assertProblem(hidden, 404);
    assertThat(json(hidden).get("detail").asText()).isEqualTo("Library " + libraryId + " was not found");
    assertProblem(get("/api/v1/prompts/" + promptId, otto), 404);
    assertProblem(post("/api/v1/libraries/" + libraryId + "/prompts", otto, "{\"title\":\"q\",\"text\":\"tart\"}"), 404);
    assertProblem(post("/api/v1/runs", otto, "{\"promptId\":" + promptId + ",\"seed\":1,\"steps\":1}"), 404);
    assertThat(json(get("/api/v1/libraries", otto)).findValuesAsText("name")).doesNotContain("Secret");
    assertProblem(delete("/api/v1/tokens/" + json(get("/api/v1/tokens", olga)).get(0).get("id").asLong(), otto), 404);
    assertProblem(get("/api/v1/runs/" + UUID.randomUUID(), otto), 404);
    assertProblem(get("/api/v1/grids/" + UUID.randomUUID(), otto), 404);
  }

  @Test
  void theOpenApiDescriptionAndSwaggerUiLoad() throws Exception {
    var docs = send(request("/v3/api-docs").GET());
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    var paths = json(docs).get("paths");
    assertThat(paths.has("/api/v1/tokens")).isTrue();
    assertThat(paths.has("/api/v1/libraries")).isTrue();
    assertThat(paths.has("/api/v1/parse")).isTrue();
    assertThat(paths.has("/api/v1/runs/{id}/image")).isTrue();
    assertThat(paths.has("/api/v1/grids")).isTrue();
    assertThat(paths.has("/api/v1/grids/{id}/exports/{format}")).isTrue();
    assertThat(paths.get("/api/v1/grids").get("post").get("requestBody").toString()).contains("examples")
        .contains("a hand with five fingers");
    assertThat(json(docs).get("components").get("securitySchemes").has("token")).isTrue();

    var ui = send(request("/swagger-ui/index.html").GET());
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).contains("swagger-ui");
    var config = send(request("/v3/api-docs/swagger-config").GET());
    assertThat(config.statusCode()).isEqualTo(200);
    assertThat(config.body()).contains("/v3/api-docs");
  }

  @Test
  void encodedCharactersTomcatRefusesAreProblemsUnderApiAndPagesElsewhere() throws Exception {
    // Tomcat refuses an encoded slash and an encoded NUL before any servlet or filter sees the
    // request; under /api it must still answer as the API does (issue 16, finding 13).
    for (var path : List.of("/api/v1/libraries/a%2Fb", "/api/v1/libraries/a%00b", "/api/v1/runs/%2F..%2F",
        "/api/v1/libraries%00")) {
      var refused = send(request(path).GET());
      assertProblem(refused, 400);
      assertThat(refused.body()).as(path).doesNotContainIgnoringCase("<html").contains("not a valid request path");
      assertThat(refused.body()).as("no server details").doesNotContainIgnoringCase("tomcat");
    }
    var page = send(request("/libraries/a%2Fb").GET());
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).as("the UI's paths keep their pages")
        .doesNotContain("json");
  }

  @Test
  void aTokenNameWithNulOrHalfACharacterOrTooLongIs400NamingTheField() throws Exception {
    var tia = user("tia", "tia-password-1", Role.EDITOR);
    for (var name : List.of("ni\\u0000ghtly", "half \\ud83d a smile", "n".repeat(81))) {
      var refused = send(request("/api/v1/tokens").header("Authorization", basic(tia.username(), "tia-password-1"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
      assertProblem(refused, 400);
      assertThat(json(refused).get("field").asText()).as(name).isEqualTo("name");
      assertThat(json(refused).get("detail").asText()).startsWith("Token name");
    }
    assertThat(jdbc.sql("select count(*) from api_token t join app_user u on u.id = t.user_id where u.username = ?")
        .params(tia.username()).query(Long.class).single()).isZero();
    var nulUser = send(request("/api/v1/tokens").header("Authorization", basic("ti\0a", "tia-password-1"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")));
    assertProblem(nulUser, 401);
  }

  @Test
  void aTokenRequestWithoutABodySaysWhatToSend() throws Exception {
    var uma = user("uma", "uma-password-1", Role.EDITOR);
    var noBody = send(request("/api/v1/tokens").header("Authorization", basic(uma.username(), "uma-password-1"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()));
    assertProblem(noBody, 400);
    assertThat(json(noBody).get("detail").asText())
        .isEqualTo("This request needs a body: a JSON object (Content-Type: application/json) with the fields name,"
            + " for example {\"name\": \"nightly grid script\"}")
        .doesNotContain("Failed to read request");
    assertThat(json(noBody).get("field").asText()).isEqualTo("body");

    var token = token(uma, "uma-password-1");
    var broken = post("/api/v1/parse", token, "{\"text\": \"apple\"");
    assertProblem(broken, 400);
    assertThat(json(broken).get("detail").asText()).startsWith("The body could not be read (")
        .contains("line 1, column").contains("Send a JSON object (Content-Type: application/json) with the fields text,"
            + " dialect, for example {\"text\": \"apple:: tart::2 --no red\"}");
    var noPng = send(request("/api/v1/recall").header("Authorization", "Bearer " + token)
        .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.noBody()));
    assertProblem(noPng, 400);
    assertThat(json(noPng).get("detail").asText())
        .isEqualTo("This request needs a body: the file itself (Content-Type: image/png or application/octet-stream)");
  }

  private static void assertProblem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    var problem = json(response);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).isNotBlank();
  }
}
