package workbench.sketchbook;

/**
 * One group of identical objects in a scene: {@code count} copies of a kind, in one colour and
 * size, at one position. {@code fingers} is 3–6 for hands and 0 for everything else.
 */
public record SceneObject(
    ObjectKind kind, Colour colour, Size size, Position position, int count, int fingers) {

  public SceneObject {
    if (count < 1 || count > 3) {
      throw new IllegalArgumentException("count must be 1-3: " + count);
    }
    if ((kind == ObjectKind.HAND) != (fingers >= 3 && fingers <= 6)) {
      throw new IllegalArgumentException("only hands have 3-6 fingers: " + kind + " " + fingers);
    }
  }
}
