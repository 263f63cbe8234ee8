package workbench.account;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The signed-in user: Spring's user with our id, so services need no lookup per call. */
public class AccountPrincipal extends User {

  private final long id;

  AccountPrincipal(AppUser user, String passwordHash) {
    super(user.username(), passwordHash, user.enabled(), true, true, true,
        authorities(user.role()));
    this.id = user.id();
  }

  public long id() {
    return id;
  }

  private static List<SimpleGrantedAuthority> authorities(Role role) {
    return role.authorities().stream().map(SimpleGrantedAuthority::new).toList();
  }

  // User's equals/hashCode use the name only, which is what session registries expect.
  @Override
  public boolean equals(Object other) {
    return super.equals(other);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
