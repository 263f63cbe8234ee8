package workbench.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On a start with no users, creates the first admin from {@code workbench.admin.*}, or user
 * {@code admin} with a random password printed once to the log. There is never a fixed
 * default password. Several instances starting at once: the unique name index lets one win.
 */
@Component
class FirstAdmin implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

  private final UserStore users;
  private final PasswordEncoder encoder;
  private final AdminSettings settings;

  FirstAdmin(UserStore users, PasswordEncoder encoder, AdminSettings settings) {
    this.users = users;
    this.encoder = encoder;
    this.settings = settings;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (users.count() > 0) {
      return;
    }
    var username = settings.username().isBlank() ? "admin" : settings.username().strip();
    boolean generated = settings.password().isBlank();
    var password = generated ? Passwords.generate() : settings.password();
    if (!generated) {
      Passwords.check(password);
    }
    users.insert(username, encoder.encode(password), Role.ADMIN);
    if (generated) {
      log.warn("""

          No users yet: created the admin '{}' with the one-time password: {}
          Sign in and change it on the Admin page (reset password), or set workbench.admin.username
          and workbench.admin.password before the first start. This password is not shown again.""",
          username, password);
    } else {
      log.info("No users yet: created the admin '{}' from workbench.admin.*", username);
    }
  }
}
