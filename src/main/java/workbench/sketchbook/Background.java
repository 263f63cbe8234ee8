package workbench.sketchbook;

import java.awt.Color;

/** What the objects are drawn on. */
public enum Background {
  PAPER(new Color(244, 238, 222)),
  TABLE(new Color(176, 124, 74)),
  SKY(new Color(140, 200, 245)),
  GRASS(new Color(96, 176, 72)),
  NIGHT(new Color(18, 22, 58));

  private final Color base;

  Background(Color base) {
    this.base = base;
  }

  public Color base() {
    return base;
  }
}
