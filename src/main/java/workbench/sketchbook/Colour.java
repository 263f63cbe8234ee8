package workbench.sketchbook;

import java.awt.Color;

/** The ten colours of the Sketchbook, with the RGB they are painted in. */
public enum Colour {
  RED(220, 40, 40),
  ORANGE(245, 140, 30),
  YELLOW(245, 215, 40),
  GREEN(50, 160, 60),
  BLUE(40, 90, 220),
  PURPLE(140, 60, 180),
  PINK(245, 140, 190),
  BROWN(130, 80, 40),
  BLACK(25, 25, 25),
  WHITE(250, 250, 250);

  private final Color rgb;

  Colour(int r, int g, int b) {
    this.rgb = new Color(r, g, b);
  }

  public Color rgb() {
    return rgb;
  }

  public String word() {
    return name().toLowerCase();
  }
}
