package workbench.account;

import java.util.Optional;

/**
 * Every free-text field's limit, and the characters no field takes, in one place: library
 * names and descriptions, prompt titles, tags and notes, grid titles, notes, labels and
 * measured terms, API token names, user names, imported authors. (A prompt's own length is a setting,
 * {@link LimitSettings#maxPromptLength}; its characters are checked here too.) Features call
 * {@link #problem} at each entry point, the UI, the API and the imports alike, and throw their
 * own exception with the field's name, so a bad value is refused before anything is saved.
 *
 * <p>NUL cannot be stored in PostgreSQL text (it failed as a 500), and a lone UTF-16
 * surrogate is not a character at all (the database stored it as "?" while the answer echoed
 * it): both are refused with the place where they are.
 */
public final class FreeText {

  public static final int LIBRARY_NAME = 80;
  public static final int DESCRIPTION = 2000;
  public static final int TITLE = 120;
  public static final int NOTES = 20_000;
  public static final int TAGS = 20;
  public static final int TAG = 40;
  public static final int LABEL = 120;
  public static final int TERM = 200;
  public static final int AUTHOR = 80;
  public static final int TOKEN_NAME = 80;
  /** A user's name, also each name in a share list. */
  public static final int USERNAME = 80;
  /** The default of {@code workbench.limits.max-prompt-length}, for form fields sized before a setting is known. */
  public static final int PROMPT = 2000;

  private FreeText() {}

  /** Empty when {@code value} fits in {@code max} characters and holds only storable characters; else the message. */
  public static Optional<String> problem(String label, String value, int max) {
    var characters = characters(label, value);
    if (characters.isPresent()) {
      return characters;
    }
    return value.length() > max
        ? Optional.of(label + " is " + value.length() + " characters long; at most " + max + " fit")
        : Optional.empty();
  }

  /** Empty when {@code value} has no NUL and no unpaired surrogate; else the message with the position (1-based). */
  public static Optional<String> characters(String label, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        return Optional.of(label + " contains a NUL character at position " + (i + 1) + ": remove it");
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of(label + " contains half of a character (a lone UTF-16 surrogate) at position " + (i + 1)
            + ": it cannot be stored");
      }
    }
    return Optional.empty();
  }
}
