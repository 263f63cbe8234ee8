package workbench.account;

import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Acting as a user in service tests: their principal in the security context, as after
 * sign-in. Each app context has its own holder strategy (Vaadin's, with its own thread
 * local) and method security reads that one, so tests {@link #bind} the app they call first.
 */
public final class SignIn {

  private static volatile @Nullable SecurityContextHolderStrategy strategy;

  private SignIn() {}

  /**
   * Signs in through the holder strategy of {@code app} from now on, and makes it the global
   * one too: with several apps in one test JVM the global holder is whichever started last,
   * while code that reads it (views, SecuredAccess) must see the same user as the services.
   */
  public static void bind(ApplicationContext app) {
    var own = app.getBeanProvider(SecurityContextHolderStrategy.class)
        .getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    strategy = own;
    if (SecurityContextHolder.getContextHolderStrategy() != own) {
      SecurityContextHolder.setContextHolderStrategy(own);
    }
  }

  /** Signs {@code user} in on this thread until the next call (the test's context is reset after each test). */
  public static void as(AppUser user) {
    var principal = new AccountPrincipal(user, "unused");
    set(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
  }

  private static void set(Authentication authentication) {
    var bound = strategy == null ? SecurityContextHolder.getContextHolderStrategy() : strategy;
    var context = bound.createEmptyContext();
    context.setAuthentication(authentication);
    bound.setContext(context);
    SecurityContextHolder.setContext(context); // for code that reads the global holder (views, SecuredAccess)
  }

  /** Runs {@code action} as {@code user}, then restores whoever was signed in. */
  public static <T> T as(AppUser user, Supplier<T> action) {
    var bound = strategy == null ? SecurityContextHolder.getContextHolderStrategy() : strategy;
    var before = bound.getContext().getAuthentication();
    try {
      as(user);
      return action.get();
    } finally {
      if (before == null) {
        out();
      } else {
        set(before);
      }
    }
  }

  public static void run(AppUser user, Runnable action) {
    as(user, () -> {
      action.run();
      return null;
    });
  }

  /** Nobody signed in. */
  public static void out() {
    if (strategy != null) {
      strategy.clearContext();
    }
    SecurityContextHolder.clearContext();
  }

  /** An admin without a user row, to set things up. */
  public static void asSetupAdmin() {
    set(UsernamePasswordAuthenticationToken.authenticated(
        "setup", null, AuthorityUtils.createAuthorityList(
            Role.ADMIN.authorities().toArray(String[]::new))));
  }

  /** A fresh user name, so tests sharing a database do not collide. */
  public static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
