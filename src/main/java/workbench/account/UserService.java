package workbench.account;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** User management for admins: add users, set roles, disable, reset passwords. */
@Service
@Transactional
@PreAuthorize("hasRole('ADMIN')")
public class UserService {

  private static final Pattern NAME =
      Pattern.compile("[\\p{L}\\p{N}._@-]{2," + FreeText.USERNAME + "}");

  private final UserStore users;
  private final PasswordEncoder encoder;
  private final AuditLog audit;
  private final SessionRegistry sessions;

  UserService(UserStore users, PasswordEncoder encoder, AuditLog audit,
      SessionRegistry sessions) {
    this.users = users;
    this.encoder = encoder;
    this.audit = audit;
    this.sessions = sessions;
  }

  @Transactional(readOnly = true)
  public List<AppUser> users() {
    return users.all();
  }

  /** Adds a user with a generated password, shown once to the admin. */
  public NewPassword create(String username, Role role) {
    var password = Passwords.generate();
    return new NewPassword(create(username, password, role), password);
  }

  /** Adds a user with the given password. */
  public AppUser create(String username, String password, Role role) {
    var name = username.strip();
    // The characters and the length first, so the message says what is wrong without echoing it.
    FreeText.problem("User name", name, FreeText.USERNAME).ifPresent(problem -> {
      throw new AccountException("username", problem);
    });
    if (!NAME.matcher(name).matches()) {
      throw new AccountException("username",
          "A user name has 2–" + FreeText.USERNAME + " letters, digits or . _ @ -; got '" + name + "'");
    }
    users.findByName(name).ifPresent(u -> {
      throw new AccountException("username", "A user named '" + u.username() + "' already exists");
    });
    Passwords.check(password);
    var user = users.insert(name, encoder.encode(password), role);
    audit.record("user.create", "user", user.username(), "role " + role);
    return user;
  }

  public AppUser setRole(long userId, Role role) {
    var user = user(userId);
    if (user.role() == Role.ADMIN && role != Role.ADMIN && user.enabled()) {
      keepOneAdmin(user);
    }
    users.role(userId, role);
    audit.record("user.role", "user", user.username(), user.role() + " → " + role);
    return user(userId);
  }

  /** A disabled user cannot sign in; what they made stays. */
  public AppUser setEnabled(long userId, boolean enabled) {
    var user = user(userId);
    if (!enabled && user.role() == Role.ADMIN && user.enabled()) {
      keepOneAdmin(user);
    }
    users.enabled(userId, enabled);
    if (!enabled) {
      signOutEverywhere(user);
    }
    audit.record(enabled ? "user.enable" : "user.disable", "user", user.username(), "");
    return user(userId);
  }

  /** Sets a new generated password, shown once to the admin. */
  public NewPassword resetPassword(long userId) {
    var user = user(userId);
    var password = Passwords.generate();
    users.passwordHash(userId, encoder.encode(password));
    signOutEverywhere(user);
    audit.record("user.password-reset", "user", user.username(), "");
    return new NewPassword(user, password);
  }

  /** Ends the user's sessions at their next request (principals compare by user name). */
  private void signOutEverywhere(AppUser user) {
    sessions.getAllSessions(new AccountPrincipal(user, ""), false)
        .forEach(SessionInformation::expireNow);
  }

  private void keepOneAdmin(AppUser user) {
    if (users.enabledAdmins() <= 1) {
      throw new AccountException(user.username() + " is the last admin: make another admin first");
    }
  }

  private AppUser user(long id) {
    return users.find(id).orElseThrow(() -> new AccountException("There is no user " + id));
  }
}
