package workbench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import workbench.account.Role;
import workbench.loop.PngMetadata;
import workbench.loop.RecipeText;
import workbench.run.RunWaits;

/** A run's snapshots and its loop exports over HTTP, as a wiki editor's script fetches them. */
class RunJourneyApiTest extends RunningApi {

  @Test
  void aRunsSnapshotsFilmstripAndAnimationComeAsDescribed() throws Exception {
    var ed = user("journey", "journey-password", Role.EDITOR);
    var token = token(ed, "journey-password");
    var submitted = post("/api/v1/runs", token,
        "{\"prompt\":\"red apple:: table::0.5\",\"seed\":21,\"steps\":6,\"upscale\":1,\"process\":\"guided\"}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    var path = submitted.headers().firstValue("Location").orElseThrow();
    awaitDone(path, token);

    var snapshots = json(get(path + "/snapshots", token));
    assertThat(snapshots.findValuesAsText("step")).containsExactly("0", "5", "6");
    var last = snapshots.get(2);
    assertThat(last.get("terms").findValuesAsText("text")).containsExactly("red apple", "table");
    assertThat(last.hasNonNull("predicted")).as("guided predicts no final image").isFalse();
    var image = getBytes(last.get("image").asText(), token);
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
    // The last snapshot is the image done, the run's raw image.
    var raw = getBytes(path + "/image?kind=raw", token).body();
    assertThat(pixels(image.body())).isEqualTo(pixels(raw));
    assertProblem(getBytes(path + "/snapshots/3", token), 404);
    assertProblem(getBytes(path + "/snapshots/5?kind=predicted", token), 404);
    assertProblem(getBytes(path + "/snapshots/5?kind=noisy", token), 400);

    var filmstrip = getBytes(path + "/filmstrip?terms=true", token);
    assertThat(filmstrip.statusCode()).isEqualTo(200);
    assertThat(filmstrip.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
    assertThat(filmstrip.headers().firstValue("Content-Disposition").orElseThrow()).contains("-filmstrip.png");
    assertThat(RecipeText.fromJson(PngMetadata.read(filmstrip.body()).get(RecipeText.RECIPE_KEY)).seed()).isEqualTo(21);

    var animation = getBytes(path + "/animation", token);
    assertThat(animation.statusCode()).isEqualTo(200);
    assertThat(animation.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/gif");
    var reader = ImageIO.getImageReadersByFormatName("gif").next();
    reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(animation.body())));
    assertThat(reader.getNumImages(true)).isEqualTo(3);

    assertProblem(getBytes("/api/v1/runs/" + UUID.randomUUID() + "/filmstrip", token), 404);
  }

  @Test
  void theOpenApiDescriptionNamesTheMediaTypes() throws Exception {
    var paths = json(send(request("/v3/api-docs").GET())).get("paths");
    assertThat(paths.get("/api/v1/runs/{id}/filmstrip").get("get").get("responses").get("200").get("content")
        .has("image/png")).isTrue();
    assertThat(paths.get("/api/v1/runs/{id}/animation").get("get").get("responses").get("200").get("content")
        .has("image/gif")).isTrue();
    assertThat(paths.get("/api/v1/runs/{id}/animation").get("get").get("responses").has("404")).isTrue();
    assertThat(paths.has("/api/v1/runs/{id}/snapshots")).isTrue();
    assertThat(paths.has("/api/v1/runs/{id}/snapshots/{step}")).isTrue();
  }

  private void awaitDone(String path, String token) throws Exception {
    JsonNode run = await("run " + path + " done").atMost(RunWaits.LIMIT).pollInterval(Duration.ofMillis(250)).until(
        () -> json(get(path, token)), r -> {
          assertThat(r.get("status").asText()).isIn("QUEUED", "RUNNING", "DONE");
          return r.get("status").asText().equals("DONE");
        });
    assertThat(run.get("status").asText()).isEqualTo("DONE");
  }

  private static void assertProblem(HttpResponse<byte[]> response, int status) {
    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
  }

  private static int[] pixels(byte[] png) {
    var image = PngMetadata.decode(png);
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }
}
