package workbench.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import workbench.node.WorkbenchSettings;

/**
 * On a start with no users, creates the first admin from {@code workbench.admin.*}, or user
 * {@code admin} with a random password printed once to the log. There is never a fixed
 * default password. Several instances starting at once on a new database: the unique name
 * index lets one win, and the others carry on. A {@code worker} instance (no pages to sign in
 * to) leaves it to the ones that serve the browser, whose log people read for the password.
 */
@Component
class FirstAdmin implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

  private final UserStore users;
  private final PasswordEncoder encoder;
  private final AdminSettings settings;
  private final boolean servesUi;

  FirstAdmin(UserStore users, PasswordEncoder encoder, AdminSettings settings, WorkbenchSettings workbench) {
    this.users = users;
    this.encoder = encoder;
    this.settings = settings;
    this.servesUi = workbench.role().servesUi();
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!servesUi || users.count() > 0) {
      return;
    }
    var username = settings.username().isBlank() ? "admin" : settings.username().strip();
    boolean generated = settings.password().isBlank();
    var password = generated ? Passwords.generate() : settings.password();
    if (!generated) {
      Passwords.check(password);
    }
    try {
      users.insert(username, encoder.encode(password), Role.ADMIN);
    } catch (DuplicateKeyException anotherInstanceWon) {
      log.info("Another instance created the first admin '{}' at the same time", username);
      return;
    }
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
