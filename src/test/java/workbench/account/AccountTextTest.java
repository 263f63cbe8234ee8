package workbench.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import workbench.DatabaseTest;
import workbench.library.LibraryService;

/**
 * User names are free text too (issue 16, finding 9): a new account's name, and the names in
 * a share list, with a NUL, half a character or beyond the limit are refused with the field
 * and the place, never a database error (PostgreSQL cannot even look a NUL up).
 */
class AccountTextTest extends DatabaseTest {

  @Autowired UserService users;
  @Autowired LibraryService libraries;
  @Autowired AuditLog audit;

  @Test
  void aNewUsersNameIsCheckedLikeEveryFreeText() {
    assertRefused(() -> users.create("ni\0na", "nina-password", Role.EDITOR), "username",
        "User name contains a NUL character at position 3");
    assertRefused(() -> users.create("half\uD83Dsmile", "nina-password", Role.EDITOR), "username",
        "User name contains half of a character");
    assertRefused(() -> users.create("n".repeat(100_000), "nina-password", Role.EDITOR), "username",
        "User name is 100000 characters long; at most 80 fit");
    assertRefused(() -> users.create("nina lee", "nina-password", Role.EDITOR), "username",
        "A user name has 2–80 letters, digits or . _ @ -");
    assertThat(users.create(SignIn.unique("nina"), "nina-password", Role.EDITOR).role()).isEqualTo(Role.EDITOR);
  }

  @Test
  void aNameNoUserCanHaveFindsNobodyInsteadOfFailing() {
    assertThat(audit.events("ad\0min", 10)).isEmpty();
    assertThat(audit.events("half\uD83D", 10)).isEmpty();
  }

  @Test
  void shareListsRefuseNamesThatCannotBeUserNames() {
    var library = libraries.createLibrary(SignIn.unique("Shared"), "");
    var bob = users.create(SignIn.unique("bob"), "bob-password", Role.EDITOR);
    assertRefused(() -> libraries.share(library.id(), Visibility.SHARED, List.of(bob.username(), "bo\0b")), "usernames",
        "User name contains a NUL character at position 3");
    assertRefused(() -> libraries.share(library.id(), Visibility.SHARED, List.of("\uDE00bob")), "usernames",
        "User name contains half of a character");
    assertRefused(() -> libraries.share(library.id(), Visibility.SHARED, List.of("b".repeat(81))), "usernames",
        "User name is 81 characters long");
    assertThat(libraries.library(library.id()).visibility()).as("nothing changed").isEqualTo(Visibility.PRIVATE);
    assertThat(libraries.share(library.id(), Visibility.SHARED, List.of(bob.username())).visibility())
        .isEqualTo(Visibility.SHARED);
  }

  private static void assertRefused(ThrowableAssert.ThrowingCallable call, String field,
      String message) {
    assertThatThrownBy(call).isInstanceOf(AccountException.class).hasMessageContaining(message)
        .extracting(e -> ((AccountException) e).field()).isEqualTo(field);
  }
}
