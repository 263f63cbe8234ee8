package workbench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.account.Role;
import workbench.loop.PngMetadata;
import workbench.loop.RecipeText;
import workbench.run.RunWaits;

/**
 * What an API client does with a token, through real HTTP on the real models: make the token
 * with the password, make a library and a prompt, parse, submit a 2×1 grid, poll it until it
 * is done, then fetch the results, a cell's PNG (with its recipe) and every export.
 */
class ApiGridFlowTest extends RunningApi {

  @Autowired JdbcClient jdbc;

  @Test
  void aClientRunsAWholeGridWithAToken() throws Exception {
    var ed = user("ed", "ed-password-1", Role.EDITOR);
    var token = token(ed, "ed-password-1");
    assertThat(token).startsWith("pwb_").hasSizeGreaterThan(40);
    assertThat(jdbc.sql("select count(*) from api_token where token_sha256 = ?").params(ApiTokenService.sha256(token))
        .query(Long.class).single()).as("stored hashed").isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from api_token where token_sha256 = ? or prefix = ?").params(token, token)
        .query(Long.class).single()).as("never stored as it is").isZero();
    assertThat(jdbc.sql("select count(*) from audit_event where action = 'api-token.create' and username = ?")
        .params(ed.username()).query(Long.class).single()).isEqualTo(1);

    var library = post("/api/v1/libraries", token, "{\"name\":\"Apples\",\"description\":\"on tables\"}");
    assertThat(library.statusCode()).isEqualTo(201);
    long libraryId = json(library).get("id").asLong();
    assertThat(library.headers().firstValue("Location")).hasValue("/api/v1/libraries/" + libraryId);
    assertThat(json(library).get("owner").asText()).isEqualTo(ed.username());

    var prompt = post("/api/v1/libraries/" + libraryId + "/prompts", token,
        "{\"title\":\"apple on table\",\"text\":\"a red apple:: table::0.5\",\"tags\":[\"fruit\"]}");
    assertThat(prompt.statusCode()).isEqualTo(201);
    long promptId = json(prompt).get("id").asLong();
    var reweighted = post("/api/v1/prompts/" + promptId + "/versions", token, "{\"text\":\"a red apple:: table::0.25\"}");
    assertThat(reweighted.statusCode()).isEqualTo(201);
    assertThat(json(reweighted).get("versions")).hasSize(2);
    assertThat(post("/api/v1/prompts/" + promptId + "/versions", token, "{\"text\":\"a red apple:: table::0.25\"}")
        .statusCode()).as("the same text makes no version").isEqualTo(200);
    var prompts = json(get("/api/v1/libraries/" + libraryId + "/prompts", token));
    assertThat(prompts).hasSize(1);
    assertThat(prompts.get(0).get("versionCount").asInt()).isEqualTo(2);

    var parsed = post("/api/v1/parse", token, "{\"text\":\"a red apple:: table::0.25\"}");
    assertThat(parsed.statusCode()).isEqualTo(200);
    assertThat(json(parsed).get("dialect").asText()).isEqualTo("midjourney");
    assertThat(json(parsed).get("terms").findValuesAsText("text")).containsExactly("a red apple", "table");
    assertThat(json(parsed).get("terms").get(1).get("weight").asDouble()).isEqualTo(0.25);

    // Row A is the library prompt's version 1, row B typed: 2 rows × 1 seed, 2 steps, no upscale.
    var submitted = post("/api/v1/grids", token, """
        {"title": "Apple API", "variants": [{"label": "v1", "promptId": %d, "version": 1},
         {"label": "plain", "prompt": "a red apple"}], "seeds": [7], "probes": ["table"],
         "steps": 2, "process": "guided", "upscale": 1}""".formatted(promptId));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    var gridPath = submitted.headers().firstValue("Location").orElseThrow();
    assertThat(json(submitted).get("cells").asInt()).isEqualTo(2);

    var status = awaitFinished(gridPath, token);
    assertThat(status.get("done").asInt()).isEqualTo(2);

    var results = json(get(gridPath + "/results", token));
    assertThat(results.get("finished").asBoolean()).isTrue();
    assertThat(results.get("terms")).extracting(JsonNode::asText).containsExactly("a red apple", "table");
    assertThat(results.get("definition").get("variants").get(0).get("prompt").asText())
        .as("row A is version 1 of the library prompt").isEqualTo("a red apple:: table::0.5");
    assertThat(results.get("cells")).hasSize(2).allSatisfy(cell -> {
      assertThat(cell.get("status").asText()).isEqualTo("DONE");
      assertThat(cell.get("combined").asDouble()).isBetween(0.0, 100.0);
      assertThat(cell.get("termScores").has("table")).isTrue();
    });
    assertThat(results.get("comparisons").findValuesAsText("verdict")).isNotEmpty();

    var cellImage = results.get("cells").get(0).get("image").asText();
    var png = getBytes(cellImage, token);
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
    var recipe = RecipeText.fromJson(PngMetadata.read(png.body()).get(RecipeText.RECIPE_KEY));
    assertThat(recipe.seed()).isEqualTo(7);
    assertThat(recipe.prompt()).isEqualTo("a red apple:: table::0.5");

    var wikitext = get(gridPath + "/exports/wikitext", token);
    assertThat(wikitext.statusCode()).isEqualTo(200);
    assertThat(wikitext.body()).contains("{| class=\"wikitable\"");
    assertThat(wikitext.headers().firstValue("Content-Disposition").orElseThrow()).contains("apple-api.wikitext");
    assertThat(get(gridPath + "/exports/markdown", token).body()).contains("| ").contains("a red apple");
    assertThat(JSON.readTree(get(gridPath + "/exports/json", token).body()).toString()).contains("Apple API");
    var sheet = getBytes(gridPath + "/exports/contact-sheet", token);
    assertThat(sheet.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(PngMetadata.decode(sheet.body()).getWidth()).isPositive();
    var zip = getBytes(gridPath + "/exports/zip", token);
    var names = new ArrayList<String>();
    try (var entries = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
      for (var e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names).contains("apple-api-contact-sheet.png", "apple-api.json", "apple-api.md", "apple-api.wikitext")
        .anySatisfy(n -> assertThat(n).endsWith("-s7.png"));
    var unknown = get(gridPath + "/exports/pdf", token);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).get("detail").asText()).contains("contact-sheet");
  }

  @Test
  void aSingleRunIsQueuedPolledAndItsPngCarriesItsRecipe() throws Exception {
    var ed = user("runner", "runner-password", Role.EDITOR);
    var token = token(ed, "runner-password");
    var submitted = post("/api/v1/runs", token,
        "{\"prompt\":\"a blue ball\",\"seed\":11,\"steps\":2,\"upscale\":1,\"process\":\"evolve\"}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    var path = submitted.headers().firstValue("Location").orElseThrow();
    JsonNode run = json(submitted);
    run = await("run " + path + " done").atMost(RunWaits.LIMIT).pollInterval(Duration.ofMillis(250)).until(
        () -> json(get(path, token)), r -> {
          assertThat(r.get("status").asText()).isIn("QUEUED", "RUNNING", "DONE");
          return r.get("status").asText().equals("DONE");
        });
    assertThat(run.get("status").asText()).isEqualTo("DONE");
    assertThat(run.get("recipe").get("seed").asLong()).isEqualTo(11);
    assertThat(run.get("terms").get(0).get("text").asText()).isEqualTo("a blue ball");
    var png = getBytes(run.get("image").asText(), token);
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(RecipeText.fromJson(PngMetadata.read(png.body()).get(RecipeText.RECIPE_KEY)).prompt()).isEqualTo("a blue ball");
    assertThat(getBytes(run.get("image").asText() + "?kind=static", token).statusCode()).isEqualTo(200);
    var badKind = get(run.get("image").asText() + "?kind=thumbnail", token);
    assertThat(badKind.statusCode()).isEqualTo(400);
    assertThat(json(badKind).get("detail").asText()).contains("final, raw or static");
  }

  @Test
  void aGridNamesItsModelFromTheModelList() throws Exception {
    var ed = user("modeller", "modeller-password", Role.EDITOR);
    var token = token(ed, "modeller-password");
    var models = json(get("/api/v1/models", token));
    assertThat(models.findValuesAsText("id")).startsWith("sketchbook-v1").contains("tiny-sd+tiny-clip");

    var unknown = post("/api/v1/runs", token, "{\"prompt\":\"a blue ball\",\"seed\":1,\"model\":\"no-such-model\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).get("detail").asText()).contains("no-such-model");

    // The tiny TorchScript fixtures: a Stable-Diffusion-shaped generator scored by a CLIP-shaped checker.
    var submitted = post("/api/v1/grids", token, """
        {"title": "Tiny SD", "variants": [{"label": "A", "prompt": "a red apple"}, {"label": "B", "prompt": "a blue ball"}],
         "seeds": [3], "steps": 2, "process": "diffusion", "upscale": 1, "model": "tiny-sd+tiny-clip"}""");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    var gridPath = submitted.headers().firstValue("Location").orElseThrow();
    assertThat(awaitFinished(gridPath, token).get("done").asInt()).isEqualTo(2);
    var results = json(get(gridPath + "/results", token));
    assertThat(results.get("definition").get("model").asText()).isEqualTo("tiny-sd+tiny-clip");
    var png = getBytes(results.get("cells").get(0).get("image").asText(), token);
    var recipe = RecipeText.fromJson(PngMetadata.read(png.body()).get(RecipeText.RECIPE_KEY));
    assertThat(recipe.modelId()).isEqualTo("tiny-sd+tiny-clip");
    assertThat(recipe.process()).isEqualTo("diffusion");
  }

  private JsonNode awaitFinished(String gridPath, String token) throws Exception {
    return await("grid " + gridPath + " finished").atMost(RunWaits.LIMIT).pollInterval(Duration.ofMillis(250))
        .until(() -> json(get(gridPath, token)), status -> status.get("finished").asBoolean());
  }
}
