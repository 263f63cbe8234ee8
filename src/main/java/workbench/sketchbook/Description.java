package workbench.sketchbook;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The structured content of a caption: the claims its words make about a scene. */
public record Description(@Nullable Style style, @Nullable Background background, List<ObjectClaim> objects) {

  public Description {
    objects = List.copyOf(objects);
  }

  /** True when every claim holds, each object phrase matching a different object of the scene. */
  public boolean isTrueFor(Scene scene) {
    if (style != null && style != scene.style()) {
      return false;
    }
    if (background != null && background != scene.background()) {
      return false;
    }
    List<SceneObject> unmatched = new ArrayList<>(scene.objects());
    for (ObjectClaim claim : objects) {
      SceneObject match = unmatched.stream().filter(claim::holdsFor).findFirst().orElse(null);
      if (match == null) {
        return false;
      }
      unmatched.remove(match);
    }
    return true;
  }

  public Set<Attribute> mentioned() {
    Set<Attribute> said = EnumSet.of(Attribute.OBJECT, Attribute.COUNT);
    if (style != null) {
      said.add(Attribute.STYLE);
    }
    if (background != null) {
      said.add(Attribute.BACKGROUND);
    }
    for (ObjectClaim o : objects) {
      if (o.colour() != null) {
        said.add(Attribute.COLOUR);
      }
      if (o.size() != null) {
        said.add(Attribute.SIZE);
      }
      if (o.position() != null) {
        said.add(Attribute.POSITION);
      }
      if (o.fingers() != 0) {
        said.add(Attribute.FINGERS);
      }
    }
    return said;
  }
}
