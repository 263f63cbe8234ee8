package workbench.model;

import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Gradient work for guidance. DJL's PyTorch engine allows one gradient collector at a time in
 * the whole JVM and throws for a second, so runs on several worker threads take turns here for
 * the backward part (their forward-only scoring still runs side by side).
 */
public final class Gradients {

  private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock();

  private Gradients() {}

  public static <T> T collect(NDManager scope, Function<GradientCollector, T> work) {
    ONE_AT_A_TIME.lock();
    try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
      return work.apply(collector);
    } finally {
      ONE_AT_A_TIME.unlock();
    }
  }
}
