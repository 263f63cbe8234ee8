package workbench.library;

import java.time.Instant;
import java.util.List;
import workbench.account.Visibility;

/**
 * A library as callers see it: {@code owner} is a user name (empty for libraries made before
 * accounts), {@code changeable} whether the caller may change it (owner or admin).
 */
public record Library(
    long id,
    String name,
    String description,
    boolean archived,
    long promptCount,
    Instant updatedAt,
    String owner,
    Visibility visibility,
    List<String> sharedWith,
    boolean changeable) {

  public Library {
    sharedWith = List.copyOf(sharedWith);
  }
}
