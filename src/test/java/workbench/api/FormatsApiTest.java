package workbench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import workbench.account.Role;

/** Recall of other tools' PNGs and styles.csv both ways, over the REST API. */
class FormatsApiTest extends RunningApi {

  static byte[] resource(String path) throws Exception {
    try (var in = FormatsApiTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    }
  }

  HttpResponse<String> postBytes(String path, String token, String type, byte[] body) throws Exception {
    return send(request(path).header("Authorization", "Bearer " + token).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  @Test
  void aComfyUiPngIsRecalledAndAJunkOneRefusedNamingIt() throws Exception {
    var ida = user("ida", "ida-password-1", Role.EDITOR);
    var token = token(ida, "ida-password-1");
    var recalled = postBytes("/api/v1/recall?name=img2img.png", token, "image/png",
        resource("/png-metadata/sd-parsers/img2img_cropped.png"));
    assertThat(recalled.statusCode()).as(recalled.body()).isEqualTo(200);
    var body = json(recalled);
    assertThat(body.path("source").asText()).isEqualTo("COMFYUI");
    assertThat(body.path("request").path("prompt").asText())
        .isEqualTo("photograph of victorian woman with wings, sky clouds, meadow grass");
    assertThat(body.path("request").path("dialect").asText()).isEqualTo("a1111");
    assertThat(body.path("request").path("steps").asInt()).isEqualTo(20);
    assertThat(body.path("notes").toString()).contains("seed 280823642470253 is outside");

    var junk = postBytes("/api/v1/recall?name=notes.png", token, "image/png", "hello".getBytes(StandardCharsets.UTF_8));
    assertThat(junk.statusCode()).isEqualTo(400);
    assertThat(json(junk).path("detail").asText()).startsWith("notes.png is not a PNG");
  }

  @Test
  void stylesCsvGoesInAndComesOutAsTheSameFile() throws Exception {
    var jo = user("jo", "jo-password-1", Role.EDITOR);
    var token = token(jo, "jo-password-1");
    var file = resource("/styles-csv/gaseousice-styles.csv");
    var imported = postBytes("/api/v1/libraries/styles.csv?name=" + SignInName.of("Gaseous"), token, "text/csv", file);
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
    assertThat(json(imported).path("prompts").asInt()).isEqualTo(10);
    long id = json(imported).path("library").path("id").asLong();

    var exported = getBytes("/api/v1/libraries/" + id + "/styles.csv", token);
    assertThat(exported.statusCode()).isEqualTo(200);
    assertThat(exported.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    var bom = new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    var expected = Arrays.copyOf(bom, bom.length + file.length);
    System.arraycopy(file, 0, expected, bom.length, file.length);
    assertThat(exported.body()).isEqualTo(expected);

    var bad = postBytes("/api/v1/libraries/styles.csv?name=bad", token, "text/csv",
        "title,prompt\nA,b\n".getBytes(StandardCharsets.UTF_8));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("detail").asText()).startsWith("Row 1 (header) is 'title,prompt'");
  }

  /** Library names are unique per owner; each run of the test has its own user anyway. */
  static final class SignInName {
    static String of(String base) {
      return base + "-" + Long.toString(System.nanoTime(), 36);
    }
  }
}
