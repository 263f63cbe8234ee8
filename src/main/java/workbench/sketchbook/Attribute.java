package workbench.sketchbook;

/** What a caption can say about a scene; also the axes of hard negatives and per-attribute eval. */
public enum Attribute {
  OBJECT,
  COLOUR,
  SIZE,
  POSITION,
  COUNT,
  STYLE,
  BACKGROUND,
  FINGERS
}
