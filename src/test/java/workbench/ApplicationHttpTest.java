package workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The app as a browser or a load balancer sees it: health with the database, and the shell (signed out: the login page). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationHttpTest {

  // Its own data directory: this web app runs beside DatabaseTest's app in the same JVM, and two
  // embedded servers cannot share one directory.
  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws Exception {
    Files.createDirectories(Path.of("target"));
    var dir = Files.createTempDirectory(Path.of("target"), "test-data-http-").toAbsolutePath();
    registry.add("workbench.data-dir", dir::toString);
  }

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void healthIsUpAndShowsNoDetailsToAnonymousVisitors() throws Exception {
    // The database and disk details are for admins (SecurityHeadersHttpTest signs one in).
    var response = get("/actuator/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void rootSendsSignedOutVisitorsToTheLoginPage() throws Exception {
    var response = get("/");
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }

  @Test
  void theLoginPageServesTheAppShell() throws Exception {
    var response = get("/login");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(response.body()).contains("<html").contains("Vaadin");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
