package workbench.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import workbench.account.SignIn;
import workbench.library.Library;
import workbench.library.LibraryService;
import workbench.library.PromptDraft;

/** The app keeps people's libraries in its data dir: a second start finds them. */
class DataSurvivesRestartTest {

  // The services check roles: these tests start the app themselves and act as an admin.
  @AfterEach
  void signOut() {
    SignIn.out();
  }

  @TempDir Path dataDir;

  @Test
  void librariesSurviveARestartOnTheSameDataDir() {
    try (var first = start(dataDir)) {
      var service = first.getBean(LibraryService.class);
      var library = service.createLibrary("Kept across restarts", "");
      service.createPrompt(library.id(), PromptDraft.of("apple", "apple:: tart::"));
    }
    assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();

    try (var second = start(dataDir)) {
      var service = second.getBean(LibraryService.class);
      var library =
          service.libraries(false).stream()
              .filter(l -> l.name().equals("Kept across restarts"))
              .findFirst()
              .orElseThrow();
      assertThat(service.prompts(library.id())).singleElement()
          .satisfies(p -> assertThat(p.latestText()).isEqualTo("apple:: tart::"));
    }
  }

  @Test
  void recoversWhenAnEarlierJvmWasKilledAndItsPostgresLivesOn() throws Exception {
    // A child JVM starts the embedded server and is then killed with SIGKILL, as by the OOM
    // killer or `kill -9`: its postgres child keeps running and holds the data directory.
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var child =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StartAndWait.class.getName(), dataDir.toString())
            .redirectErrorStream(true)
            .start();
    try (var out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("READY")) {
        // wait for the server and the first library
      }
    }
    var orphan = EmbeddedDatabase.postmasterPid(dataDir.resolve("postgres")).orElseThrow();
    child.destroyForcibly().waitFor();
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

    try (var again = start(dataDir)) {
      assertThat(again.getBean(LibraryService.class).libraries(false))
          .extracting(Library::name)
          .contains("Made before the kill");
    }
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  static ConfigurableApplicationContext start(Path dataDir) {
    return workbench.TestApps.start(dataDir);
  }

  /** The child JVM of the kill test. */
  public static final class StartAndWait {
    public static void main(String[] args) throws Exception {
      var context = start(Path.of(args[0]));
      SignIn.asSetupAdmin();
      context.getBean(LibraryService.class).createLibrary("Made before the kill", "");
      System.out.println("READY");
      System.out.flush();
      Thread.sleep(600_000);
    }
  }
}
