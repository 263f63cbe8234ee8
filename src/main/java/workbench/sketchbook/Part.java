package workbench.sketchbook;

import java.awt.Color;
import java.awt.Shape;
import org.jspecify.annotations.Nullable;

/**
 * One filled piece of an object's drawing. A body part takes the object's colour and the
 * scene's style; a detail is drawn dark over it; a fixed part keeps its own colour (a trunk is
 * brown whatever colour the tree's crown is).
 */
record Part(Shape shape, Role role, @Nullable Color fixed) {

  enum Role {
    BODY,
    DETAIL,
    FIXED
  }

  static Part body(Shape shape) {
    return new Part(shape, Role.BODY, null);
  }

  static Part detail(Shape shape) {
    return new Part(shape, Role.DETAIL, null);
  }

  static Part fixed(Shape shape, Color colour) {
    return new Part(shape, Role.FIXED, colour);
  }
}
