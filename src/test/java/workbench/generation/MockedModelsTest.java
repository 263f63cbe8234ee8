package workbench.generation;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Base of tests of the queue and the limits that must run without the shipped model
 * weights: the models are a stub that makes valid recipes, and a worker that asks for them
 * waits at a gate the test opens (then its run fails at once, which is all these tests
 * need: the order in which the queue hands out jobs). Small limits make each one easy to
 * hit. Its own database, so its users and queue do not mix with other tests'.
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
public abstract class MockedModelsTest {

  private static final Path DATA_DIR = freshDataDir();

  @MockitoBean ModelHolder models;
  @Autowired protected JdbcClient jdbc;

  private volatile CountDownLatch gate = new CountDownLatch(1);
  private volatile Thread testThread = Thread.currentThread();

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("workbench.data-dir", DATA_DIR::toString);
  }

  @Autowired org.springframework.context.ApplicationContext app;

  @BeforeEach
  void stubModels() {
    workbench.account.SignIn.bind(app);
    gate = new CountDownLatch(1);
    testThread = Thread.currentThread();
    var loop = mock(LoopModels.class);
    when(loop.imageSize()).thenReturn(64);
    when(loop.modelId()).thenReturn("stub-model");
    when(loop.weightsSha256()).thenReturn("0".repeat(64));
    when(loop.device()).thenReturn("cpu");
    when(loop.unknownWords(org.mockito.ArgumentMatchers.anyList())).thenReturn(java.util.List.of());
    when(models.get()).thenAnswer(call -> {
      if (Thread.currentThread() != testThread) {
        gate.await(60, TimeUnit.SECONDS); // a worker: wait until the test has queued everything
      }
      return loop;
    });
  }

  /** Lets the workers run (each run then fails at once: the stub cannot generate). */
  protected void openGate() {
    gate.countDown();
  }

  /** Opens the gate and waits until no run is queued or running, so the next test starts empty. */
  @AfterEach
  void drainQueue() throws InterruptedException {
    workbench.account.SignIn.out();
    openGate();
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < until && activeRuns() > 0) {
      Thread.sleep(100);
    }
  }

  protected long activeRuns() {
    return jdbc.sql("select count(*) from run where status in ('QUEUED', 'RUNNING')").query(Long.class).single();
  }

  /** Waits until {@code condition} holds (a worker picked a job, runs finished, ...). */
  protected static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out waiting");
      }
      Thread.sleep(50);
    }
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
