package workbench.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Sign-in reads users from app_user; a disabled user is refused by Spring (DisabledException). */
@Service
class AccountUserDetailsService implements UserDetailsService {

  private final UserStore users;

  AccountUserDetailsService(UserStore users) {
    this.users = users;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return users.credentials(username)
        .map(c -> new AccountPrincipal(c.user(), c.passwordHash()))
        .orElseThrow(() -> new UsernameNotFoundException("no user " + username));
  }
}
