package workbench.ui;

import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Push callbacks ({@code UI.access}) run on whichever thread fired the event: a generation
 * worker, or the request thread of another user whose API call changed the queue (Vaadin runs
 * the access at once when the page's session is free). Views capture the viewer's security
 * context when they attach and run such callbacks as that viewer, so secured services answer
 * as for them, and nowhere else: the thread's own context is back when the callback ends.
 *
 * <p>Vaadin's holder strategy answers from the current session's HTTP session while a
 * {@code UI.access} runs, so its "current context" there is the viewer's, not the thread's.
 * Spring's {@code DelegatingSecurityContextRunnable} took that for the thread's own and put
 * it back on the thread afterwards: the other user's request then ran on as the viewer
 * (issue 16). Here a session that knows its user is left to answer, and the thread is not
 * touched; only where it does not (a session without a sign-in, tests) is the viewer bound
 * to the thread, and the thread's own context restored in {@code finally}.
 */
public final class SecuredAccess {

  private SecuredAccess() {}

  /** Captures the caller's context now; {@code bind(task)} later runs a task inside it. */
  public static Binder capture() {
    var viewer = SecurityContextHolder.getContext();
    return task -> () -> runAs(viewer, task);
  }

  /** Binds tasks to a captured security context. */
  @FunctionalInterface
  public interface Binder {
    Runnable bind(Runnable task);
  }

  static void runAs(SecurityContext viewer, Runnable task) {
    var holder = SecurityContextHolder.getContextHolderStrategy();
    if (holder instanceof VaadinAwareSecurityContextHolderStrategy && sessionKnowsItsUser()) {
      task.run();
      return;
    }
    // The holder reads the thread here (no session context wins over it): save, bind, restore.
    var own = holder.getContext();
    holder.setContext(viewer);
    try {
      task.run();
    } finally {
      if (own.getAuthentication() == null) {
        holder.clearContext();
      } else {
        holder.setContext(own);
      }
    }
  }

  /** The current Vaadin session's HTTP session holds a security context (its user signed in). */
  private static boolean sessionKnowsItsUser() {
    var session = VaadinSession.getCurrent();
    if (session == null || session.getSession() == null) {
      return false;
    }
    try {
      return session.getSession().getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
          instanceof SecurityContext;
    } catch (IllegalStateException invalidated) {
      return false;
    }
  }
}
