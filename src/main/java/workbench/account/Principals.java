package workbench.account;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The signed-in principal for callers who prove who they are by other means than the login
 * form (an API token): the same {@link AccountPrincipal} as after sign-in, with the user's
 * role as it is now, so method security and ownership checks work unchanged.
 */
@Component
public class Principals {

  private final UserStore users;

  Principals(UserStore users) {
    this.users = users;
  }

  /** The user's principal (disabled users included: callers check {@code isEnabled()}). */
  public Optional<AccountPrincipal> of(long userId) {
    return users.find(userId).map(user -> new AccountPrincipal(user, ""));
  }
}
