package workbench.account;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running app over real HTTP, for the sign-in and header tests of issue 16 (one context for
 * both: same properties, same data dir). Small sign-in limits, so that tests reach them fast;
 * each test signs in from an address of its own (X-Forwarded-For, which the app takes from a
 * proxy on this machine), so that the per-address limit of one does not touch another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "workbench.admin.username=keeper", "workbench.admin.password=keeper-password",
    "workbench.login.max-failures-per-account=5", "workbench.login.max-failures-per-address=12"})
abstract class HardenedAppHttpTest {

  @LocalServerPort int port;
  @Autowired UserService users;
  @Autowired ApplicationContext app;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws Exception {
    Files.createDirectories(Path.of("target"));
    var dir = Files.createTempDirectory(Path.of("target"), "test-data-hardened-").toAbsolutePath();
    registry.add("workbench.data-dir", dir::toString);
  }

  @BeforeEach
  void bindSignIn() {
    SignIn.bind(app);
  }

  @AfterEach
  void signOutOfTheTestThread() {
    SignIn.out();
  }

  AppUser user(String name, Role role) {
    SignIn.asSetupAdmin();
    try {
      return users.create(SignIn.unique(name), name + "-password", role);
    } finally {
      SignIn.out();
    }
  }

  /** A browser at its own address, as a proxy on this machine reports it. */
  HttpSession browserAt(String address) {
    return new HttpSession(port, "X-Forwarded-For", address);
  }
}
