package workbench.account;

import java.util.Arrays;
import java.util.List;

/** What a user may do; each role includes the ones before it. */
public enum Role {
  VIEWER,
  EDITOR,
  ADMIN;

  /**
   * The authorities a user of this role holds, expanded (an admin is also an editor and a
   * viewer), so Vaadin's view checks and {@code hasRole} work without a role hierarchy.
   */
  public List<String> authorities() {
    return Arrays.stream(values())
        .filter(r -> r.ordinal() <= ordinal())
        .map(r -> "ROLE_" + r.name())
        .toList();
  }

  public boolean includes(Role other) {
    return ordinal() >= other.ordinal();
  }
}
