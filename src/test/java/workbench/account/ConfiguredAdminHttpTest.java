package workbench.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signing in and out over HTTP against the running app, whose first admin came from
 * {@code workbench.admin.*} (a fresh database): nothing without signing in, a wrong password
 * and a disabled user are refused, sign-out ends the session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"workbench.admin.username=chief", "workbench.admin.password=correct-horse-battery"})
class ConfiguredAdminHttpTest {

  @LocalServerPort int port;
  @Autowired UserService users;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws Exception {
    Files.createDirectories(Path.of("target"));
    var dir = Files.createTempDirectory(Path.of("target"), "test-data-http-").toAbsolutePath();
    registry.add("workbench.data-dir", dir::toString);
  }

  @Autowired ApplicationContext app;

  @BeforeEach
  void bindSignIn() {
    SignIn.bind(app);
  }

  @AfterEach
  void signOutOfTheTestThread() {
    SignIn.out();
  }

  @Test
  void nothingWithoutSigningInButTheLoginPageAndHealth() throws Exception {
    var browser = new HttpSession(port);
    var root = browser.get("/");
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(HttpSession.location(root)).endsWith("/login");
    assertThat(browser.get("/libraries/1").statusCode()).isEqualTo(302);
    assertThat(browser.get("/login").statusCode()).isEqualTo(200);
    assertThat(browser.get("/actuator/health").statusCode()).isEqualTo(200);
  }

  @Test
  void theConfiguredAdminSignsInAndOut() throws Exception {
    var browser = new HttpSession(port);
    var signedIn = browser.signIn("chief", "correct-horse-battery");
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(HttpSession.location(signedIn)).doesNotContain("error");
    var shell = browser.get("/");
    assertThat(shell.statusCode()).isEqualTo(200);
    assertThat(shell.body()).contains("<html");

    var signedOut = browser.post("/logout", "/");
    assertThat(signedOut.statusCode()).isEqualTo(302);
    assertThat(HttpSession.location(browser.get("/"))).endsWith("/login");
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    var browser = new HttpSession(port);
    var response = browser.signIn("chief", "correct-horse-staple");
    assertThat(HttpSession.location(response)).endsWith("/login?error");
    assertThat(HttpSession.location(browser.get("/"))).endsWith("/login");
  }

  @Test
  void aDisabledUserIsSignedOutAndRefused() throws Exception {
    SignIn.asSetupAdmin();
    var dora = users.create(SignIn.unique("dora"), "dora-password", Role.VIEWER);

    var browser = new HttpSession(port);
    assertThat(HttpSession.location(browser.signIn(dora.username(), "dora-password"))).doesNotContain("error");

    assertThat(browser.get("/").statusCode()).isEqualTo(200);

    users.setEnabled(dora.id(), false);
    assertThat(HttpSession.location(browser.get("/"))).as("her open session ends").endsWith("/login");
    var refused = new HttpSession(port);
    assertThat(HttpSession.location(refused.signIn(dora.username(), "dora-password"))).endsWith("/login?error");
    assertThat(HttpSession.location(refused.get("/"))).endsWith("/login");
  }
}
