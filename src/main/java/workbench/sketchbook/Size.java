package workbench.sketchbook;

/** How big an object is drawn, as a fraction of the image side. */
public enum Size {
  SMALL(0.21),
  BIG(0.38);

  private final double fraction;

  Size(double fraction) {
    this.fraction = fraction;
  }

  public double fraction() {
    return fraction;
  }

  public String word() {
    return name().toLowerCase();
  }
}
