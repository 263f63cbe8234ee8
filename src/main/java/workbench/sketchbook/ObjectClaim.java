package workbench.sketchbook;

import org.jspecify.annotations.Nullable;

/**
 * What a caption says about one object group. The kind and count are always said (a noun is
 * singular or plural); a null attribute or {@code fingers == 0} is simply not mentioned.
 */
public record ObjectClaim(
    ObjectKind kind,
    @Nullable Colour colour,
    @Nullable Size size,
    @Nullable Position position,
    int count,
    int fingers) {

  public boolean holdsFor(SceneObject object) {
    return object.kind() == kind
        && (colour == null || colour == object.colour())
        && (size == null || size == object.size())
        && (position == null || position == object.position())
        && count == object.count()
        && (fingers == 0 || fingers == object.fingers());
  }
}
