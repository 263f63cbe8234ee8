package workbench.account;

/**
 * Who may read a library or an experiment besides its owner and admins. {@code PUBLIC} is
 * for experiments only: their read-only permalink opens without signing in.
 */
public enum Visibility {
  PRIVATE,
  SHARED,
  EVERYONE,
  PUBLIC;

  public String label() {
    return switch (this) {
      case PRIVATE -> "Private (only me)";
      case SHARED -> "Shared with named users";
      case EVERYONE -> "Everyone signed in";
      case PUBLIC -> "Public (permalink without sign-in)";
    };
  }
}
