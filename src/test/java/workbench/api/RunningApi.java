package workbench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import workbench.account.AppUser;
import workbench.account.Role;
import workbench.account.SignIn;
import workbench.account.UserService;
import workbench.model.registry.Fixtures;

/**
 * The app running on a random port with a data dir of its own (one app for every API test
 * class: same configuration, same cached context), and an HTTP client that talks to it as an
 * API client would: JSON bodies, Bearer tokens, HTTP Basic only to make a token. Each user may
 * queue {@value #MAX_QUEUED_JOBS} jobs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "workbench.limits.max-queued-jobs=" + RunningApi.MAX_QUEUED_JOBS)
abstract class RunningApi {

  /** Small, so a grid can overrun a user's queue without running anything. */
  static final int MAX_QUEUED_JOBS = 4;


  static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DATA_DIR = dataDir();

  @LocalServerPort int port;
  @Autowired ApplicationContext app;
  @Autowired UserService users;

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("workbench.data-dir", DATA_DIR::toString);
    registry.add("workbench.models.dir", () -> Fixtures.dir().toString());
  }

  @BeforeEach
  void bindSignIn() {
    SignIn.bind(app);
  }

  @AfterEach
  void signOutOfTheTestThread() {
    SignIn.out();
  }

  /** A new user with this password, made by an admin (the test thread signs out after). */
  AppUser user(String name, String password, Role role) {
    SignIn.asSetupAdmin();
    try {
      return users.create(SignIn.unique(name), password, role);
    } finally {
      SignIn.out();
    }
  }

  /** Makes a token the way a script would: POST /api/v1/tokens with HTTP Basic. */
  String token(AppUser user, String password) throws Exception {
    var made = send(request("/api/v1/tokens").header("Authorization", basic(user.username(), password))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"test\"}")));
    if (made.statusCode() != 201) {
      throw new AssertionError("no token: " + made.statusCode() + " " + made.body());
    }
    return json(made).get("token").asText();
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    return send(request(path).header("Authorization", "Bearer " + token).GET());
  }

  HttpResponse<byte[]> getBytes(String path, String token) throws Exception {
    return http.send(request(path).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> post(String path, String token, String body) throws Exception {
    return send(request(path).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> delete(String path, String token) throws Exception {
    return send(request(path).header("Authorization", "Bearer " + token).DELETE());
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static Path dataDir() {
    try {
      Files.createDirectories(Path.of("target"));
      return Files.createTempDirectory(Path.of("target"), "test-data-api-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
