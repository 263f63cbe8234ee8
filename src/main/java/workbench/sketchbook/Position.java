package workbench.sketchbook;

/** Where a group of objects sits, as the centre of its region in unit coordinates. */
public enum Position {
  LEFT(0.25, 0.5),
  RIGHT(0.75, 0.5),
  TOP(0.5, 0.25),
  BOTTOM(0.5, 0.75),
  CENTRE(0.5, 0.5);

  private final double x;
  private final double y;

  Position(double x, double y) {
    this.x = x;
    this.y = y;
  }

  public double x() {
    return x;
  }

  public double y() {
    return y;
  }

  /** Left and right groups stack vertically so they stay on their side. */
  public boolean stacksVertically() {
    return this == LEFT || this == RIGHT;
  }

  public String word() {
    return name().toLowerCase();
  }
}
