package workbench.library;

import workbench.account.FreeText;

/** Lengths people may type, as {@link FreeText} defines them; the database columns are sized to match. */
public final class LibraryLimits {

  public static final int NAME = FreeText.LIBRARY_NAME;
  public static final int DESCRIPTION = FreeText.DESCRIPTION;
  public static final int TITLE = FreeText.TITLE;
  public static final int TEXT = FreeText.PROMPT;
  public static final int NOTES = FreeText.NOTES;
  public static final int TAGS = FreeText.TAGS;
  public static final int TAG = FreeText.TAG;

  private LibraryLimits() {}
}
