package workbench.account;

import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Acting as a user in service tests: their principal in the security context, as after sign-in. */
public final class SignIn {

  private SignIn() {}

  /** Signs {@code user} in on this thread until the next call (the test's context is reset after each test). */
  public static void as(AppUser user) {
    var principal = new AccountPrincipal(user, "unused");
    SecurityContextHolder.getContext().setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
  }

  /** Runs {@code action} as {@code user}, then restores whoever was signed in. */
  public static <T> T as(AppUser user, Supplier<T> action) {
    var before = SecurityContextHolder.getContext().getAuthentication();
    try {
      as(user);
      return action.get();
    } finally {
      SecurityContextHolder.getContext().setAuthentication(before);
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
    SecurityContextHolder.clearContext();
  }

  /** An admin without a user row, to set things up. */
  public static void asSetupAdmin() {
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
        "setup", null, org.springframework.security.core.authority.AuthorityUtils.createAuthorityList(
            Role.ADMIN.authorities().toArray(String[]::new))));
  }

  /** A fresh user name, so tests sharing a database do not collide. */
  public static String unique(String name) {
    return name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }
}
