package workbench.library;

/** Lengths people may type; the database columns are sized to match. */
public final class LibraryLimits {

  public static final int NAME = 80;
  public static final int DESCRIPTION = 2000;
  public static final int TITLE = 120;
  public static final int TEXT = 2000;
  public static final int NOTES = 20_000;
  public static final int TAGS = 20;
  public static final int TAG = 40;

  private LibraryLimits() {}
}
