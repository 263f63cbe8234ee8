package workbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import workbench.account.SignIn;
import workbench.model.registry.Fixtures;

/**
 * Base of tests that need the application on a real PostgreSQL: the embedded server the app
 * starts itself, in a fresh data directory per test JVM (one server, shared through Spring's
 * context cache). Set SPRING_DATASOURCE_URL to run them against another server.
 *
 * <p>The services check roles, so every test acts as a signed-in admin ("tester", who has no
 * app_user row and so owns nothing: what it makes has no owner). Account tests sign in as
 * real users instead.
 */
@SpringBootTest
@WithMockUser(username = "tester", roles = {"ADMIN", "EDITOR", "VIEWER"})
public abstract class DatabaseTest {

  @Autowired
  private ApplicationContext app;

  /** Tests that sign in as real users (workbench.account.SignIn) do it in this app. */
  @BeforeEach
  void bindSignIn() {
    SignIn.bind(app);
  }

  private static final Path DATA_DIR = freshDataDir();

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("workbench.data-dir", DATA_DIR::toString);
    // The tiny CLIP- and diffusion-shaped fixtures are the custom models of every test app.
    registry.add("workbench.models.dir", () -> Fixtures.dir().toString());
  }

  private static Path freshDataDir() {
    try {
      Files.createDirectories(Path.of("target"));
      return Files.createTempDirectory(Path.of("target"), "test-data-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
