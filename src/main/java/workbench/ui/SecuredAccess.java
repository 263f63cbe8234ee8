package workbench.ui;

import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Push callbacks ({@code UI.access}) run on the thread that fired the event (a generation
 * worker), where nobody is signed in. Views capture the viewer's security context when they
 * attach (a request thread) and run such callbacks inside it, so secured services answer as
 * for that viewer.
 */
public final class SecuredAccess {

  private SecuredAccess() {}

  /** {@code task} bound to the security context of the calling (request) thread. */
  public static Runnable wrap(Runnable task) {
    var context = SecurityContextHolder.getContext();
    return new DelegatingSecurityContextRunnable(task, context);
  }

  /** Captures the caller's context now; {@code bind(task)} later runs a task inside it. */
  public static Binder capture() {
    var context = SecurityContextHolder.getContext();
    return task -> new DelegatingSecurityContextRunnable(task, context);
  }

  /** Binds tasks to a captured security context. */
  @FunctionalInterface
  public interface Binder {
    Runnable bind(Runnable task);
  }
}
