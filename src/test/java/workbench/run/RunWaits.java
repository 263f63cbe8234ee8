package workbench.run;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Waiting for runs on the real workers, for the tests of every module that starts one. Polled on
 * the test's own thread: reading a run needs the signed-in test user's context, and a mocked page
 * its UI.
 */
public final class RunWaits {

  /** Runs take the real models on a shared 2-core machine: minutes, not seconds. */
  public static final Duration LIMIT = Duration.ofMinutes(4);

  private RunWaits() {}

  /** The run as stored once it has finished, whatever its status. */
  public static Run finished(GenerationService generation, UUID id) {
    return await("run " + id + " finished").atMost(LIMIT).pollInterval(Duration.ofMillis(100)).pollInSameThread()
        .until(() -> generation.run(id).orElseThrow(), run -> run.status().finished());
  }

  /** Waits until {@code condition} holds, running {@code eachPoll} (a mocked page's UI queue, say) before each look. */
  public static void until(String what, Duration limit, Runnable eachPoll, BooleanSupplier condition) {
    await(what).atMost(limit).pollInterval(Duration.ofMillis(100)).pollInSameThread().until(() -> {
      eachPoll.run();
      return condition.getAsBoolean();
    });
  }

  /** Waits until {@code condition} holds. */
  public static void until(String what, Duration limit, BooleanSupplier condition) {
    until(what, limit, () -> {}, condition);
  }
}
