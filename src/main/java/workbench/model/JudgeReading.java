package workbench.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import workbench.sketchbook.Background;
import workbench.sketchbook.Colour;
import workbench.sketchbook.ObjectKind;
import workbench.sketchbook.Position;
import workbench.sketchbook.Scene;
import workbench.sketchbook.SceneObject;
import workbench.sketchbook.Size;
import workbench.sketchbook.Style;

/**
 * What the judge sees in one image: the scene's background and style, and the objects at the
 * positions where it sees something (at most one group per position, in position order), each
 * with the probability the judge gave its answer. {@link #of(Scene)} is the truth of a render,
 * read with full confidence.
 */
public record JudgeReading(
    Background background, double backgroundConfidence, Style style, double styleConfidence, List<Seen> objects) {

  public JudgeReading {
    objects = List.copyOf(objects);
    if (objects.stream().map(Seen::position).distinct().count() != objects.size()) {
      throw new IllegalArgumentException("one group per position: " + objects);
    }
  }

  /**
   * A group the judge sees at {@code position}. {@code presence} is the probability that the
   * slot holds anything at all; {@code fingers} is 3–6 for hands and 0 otherwise, as in a
   * {@link SceneObject}.
   */
  public record Seen(
      Position position,
      double presence,
      ObjectKind kind,
      double kindConfidence,
      Colour colour,
      double colourConfidence,
      Size size,
      double sizeConfidence,
      int count,
      double countConfidence,
      int fingers,
      double fingersConfidence) {

    /** The group as a scene object, to test claims with the Sketchbook's own rules. */
    public SceneObject asSceneObject() {
      return new SceneObject(kind, colour, size, position, count, fingers);
    }
  }

  /** The ground truth of a scene as a reading, every answer certain. */
  public static JudgeReading of(Scene scene) {
    List<Seen> seen = scene.objects().stream()
        .sorted(Comparator.comparing(SceneObject::position))
        .map(o -> new Seen(o.position(), 1, o.kind(), 1, o.colour(), 1, o.size(), 1, o.count(), 1, o.fingers(), 1))
        .toList();
    return new JudgeReading(scene.background(), 1, scene.style(), 1, seen);
  }

  public Optional<Seen> at(Position position) {
    return objects.stream().filter(o -> o.position() == position).findFirst();
  }
}
