package workbench.shared;

import java.util.concurrent.ThreadFactory;

/** Threads that never keep the JVM alive, named for thread dumps and logs. */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** A factory whose every thread is a daemon called {@code name}. */
  public static ThreadFactory named(String name) {
    return task -> {
      var thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** A daemon thread called {@code name} running {@code task}, not yet started. */
  public static Thread of(String name, Runnable task) {
    return named(name).newThread(task);
  }
}
