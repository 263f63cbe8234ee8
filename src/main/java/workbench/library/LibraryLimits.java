package workbench.library;

import workbench.account.FreeText;

/** Lengths people may type, as {@link FreeText} defines them; the database columns are sized to match. */
public final class LibraryLimits {

  public static final int NAME = FreeText.LIBRARY_NAME;
  public static final int DESCRIPTION = FreeText.DESCRIPTION;
  public static final int TITLE = FreeText.TITLE;
  public static final int TEXT = FreeText.PROMPT;
  /**
   * A negative prompt is kept, not parsed, and real A1111 styles hold long ones (2,691
   * characters measured; see {@code StylesCsv#MAX_STYLE_TEXT}).
   */
  public static final int NEGATIVE_TEXT = 8_000;
  public static final int NOTES = FreeText.NOTES;
  public static final int TAGS = FreeText.TAGS;
  public static final int TAG = FreeText.TAG;

  private LibraryLimits() {}
}
