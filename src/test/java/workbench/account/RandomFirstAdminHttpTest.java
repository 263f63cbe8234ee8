package workbench.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The first start without {@code workbench.admin.*}: user "admin" with a one-time random
 * password, printed once to the log at WARN, that signs in. There is no fixed default.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RandomFirstAdminHttpTest {

  private static final Pattern PASSWORD = Pattern.compile("created the admin 'admin' with the one-time password: (\\S+)");

  @LocalServerPort int port;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws Exception {
    Files.createDirectories(Path.of("target"));
    var dir = Files.createTempDirectory(Path.of("target"), "test-data-first-admin-").toAbsolutePath();
    registry.add("workbench.data-dir", dir::toString);
  }

  @Test
  void theOneTimePasswordFromTheLogSignsTheAdminIn(CapturedOutput output) throws Exception {
    var matcher = PASSWORD.matcher(output.getAll());
    assertThat(matcher.find()).as("the WARN line with the password").isTrue();
    var password = matcher.group(1);
    assertThat(password).hasSize(16).isNotEqualTo("admin");
    assertThat(output.getAll()).contains("WARN").containsOnlyOnce(password);

    var browser = new HttpSession(port);
    assertThat(HttpSession.location(browser.signIn("admin", "admin"))).endsWith("/login?error");
    var signedIn = new HttpSession(port);
    assertThat(HttpSession.location(signedIn.signIn("admin", password))).doesNotContain("error");
    assertThat(signedIn.get("/admin").statusCode()).isEqualTo(200);
  }
}
