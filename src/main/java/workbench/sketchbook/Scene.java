package workbench.sketchbook;

import java.util.List;

/** A Sketchbook scene: what {@link Sketchbook#scene(long)} makes from a seed. One or two objects. */
public record Scene(long seed, Style style, Background background, List<SceneObject> objects) {

  public Scene {
    objects = List.copyOf(objects);
    if (objects.isEmpty() || objects.size() > 2) {
      throw new IllegalArgumentException("a scene has one or two objects");
    }
  }

  public boolean has(ObjectKind kind) {
    return objects.stream().anyMatch(o -> o.kind() == kind);
  }
}
