package workbench.ui;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What the signed-in user's role lets them use, for hiding buttons. Only a courtesy: the
 * services refuse on their own (method security).
 */
public final class Roles {

  private Roles() {}

  public static boolean isEditor() {
    return has("ROLE_EDITOR");
  }

  private static boolean has(String authority) {
    var auth = SecurityContextHolder.getContext().getAuthentication();
    return auth != null && auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
  }
}
