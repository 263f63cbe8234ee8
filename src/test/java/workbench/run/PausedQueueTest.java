package workbench.run;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import workbench.account.SignIn;

/**
 * Base of tests of the queue and the limits: the real models and engine, but the queue's
 * workers are paused until the test has queued what it needs ({@link #openGate}), so the
 * order in which the queue hands out jobs, and limits on queued jobs, can be observed. Small
 * limits make each one easy to hit. Its own database, so its users and queue do not mix with
 * other tests'.
 */
@SpringBootTest(properties = {
    "workbench.limits.max-queued-jobs=3",
    "workbench.limits.max-prompt-length=100",
    "workbench.grid.max-cells=50",
    "workbench.grid.max-pixels=100000",
    "workbench.gallery.max-upload-size=2KB",
    "workbench.gallery.max-upload-pixels=10000",
    "workbench.library.max-import-size=1KB",
    "workbench.generation.workers=1",
    "db-scheduler.polling-interval=200ms"})
public abstract class PausedQueueTest {

  private static final Path DATA_DIR = freshDataDir();

  @Autowired protected JdbcClient jdbc;
  @Autowired Scheduler scheduler;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("workbench.data-dir", DATA_DIR::toString);
  }

  @Autowired ApplicationContext app;

  @BeforeEach
  void pauseWorkers() {
    SignIn.bind(app);
    scheduler.pause();
  }

  /** Lets the workers take jobs again. */
  protected void openGate() {
    scheduler.resume();
  }

  /** Opens the gate and waits until no run is queued or running, so the next test starts empty. */
  @AfterEach
  void drainQueue() throws InterruptedException {
    SignIn.out();
    openGate();
    RunWaits.until("an empty queue", Duration.ofSeconds(60), () -> activeRuns() == 0);
  }

  protected long activeRuns() {
    return jdbc.sql("select count(*) from run where status in ('QUEUED', 'RUNNING')").query(Long.class).single();
  }

  /** Waits until {@code condition} holds (a worker picked a job, runs finished, ...). */
  protected static void await(BooleanSupplier condition) {
    RunWaits.until("the queue", Duration.ofSeconds(60), condition);
  }

  private static Path freshDataDir() {
    try {
      Files.createDirectories(Path.of("target"));
      return Files.createTempDirectory(Path.of("target"), "test-data-mocked-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
