package workbench.library;

/** A run of text in a diff between two versions: kept, removed (only in the older) or added. */
public record DiffSegment(Kind kind, String text) {

  public enum Kind {
    KEPT,
    REMOVED,
    ADDED
  }
}
