package workbench.sketchbook;

/** How a whole scene is drawn. */
public enum Style {
  FLAT,
  OUTLINE,
  STRIPED,
  DOTTED,
  WATERCOLOUR,
  PIXEL_ART;
}
