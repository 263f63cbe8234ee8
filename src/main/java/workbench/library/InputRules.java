package workbench.library;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import workbench.account.FreeText;
import workbench.account.LimitSettings;
import workbench.prompt.Dialect;

/** The checks every name, title, text and tag passes before anything is saved. */
final class InputRules {

  private InputRules() {}

  static String name(String name) {
    return required("name", "Library name", name, LibraryLimits.NAME);
  }

  static String description(String description) {
    return limited("description", "Description", description.strip(), LibraryLimits.DESCRIPTION);
  }

  static String title(String title) {
    return required("title", "Title", title, LibraryLimits.TITLE);
  }

  static String notes(String notes) {
    return limited("notes", "Notes", notes, LibraryLimits.NOTES);
  }

  /** A prompt needs some text; a style may have only a negative prompt (as in A1111). */
  static void text(String text, String negativeText, LimitSettings limits) {
    FreeText.characters("Prompt text", text).ifPresent(message -> {
      throw new LibraryInputException("text", message);
    });
    FreeText.characters("Negative prompt", negativeText).ifPresent(message -> {
      throw new LibraryInputException("negativeText", message);
    });
    limits.promptTooLong(text).ifPresent(message -> {
      throw new LibraryInputException("text", message);
    });
    if (negativeText.length() > LibraryLimits.NEGATIVE_TEXT) {
      throw new LibraryInputException("negativeText", "Negative prompt: " + negativeText.length()
          + " characters; at most " + LibraryLimits.NEGATIVE_TEXT);
    }
    if (text.isBlank() && negativeText.isBlank()) {
      throw new LibraryInputException("text", "Prompt text is empty: type the prompt first");
    }
  }

  /** Tags are trimmed, lower-cased and de-duplicated; commas are not allowed inside one. */
  static List<String> tags(List<String> tags) {
    var clean = new LinkedHashSet<String>();
    for (String tag : tags) {
      var t = tag.strip().toLowerCase(Locale.ROOT);
      if (t.isEmpty()) {
        continue;
      }
      FreeText.characters("Tag '" + t.substring(0, Math.min(t.length(), FreeText.TAG)) + "'", t).ifPresent(message -> {
        throw new LibraryInputException("tags", message);
      });
      if (t.length() > LibraryLimits.TAG) {
        throw new LibraryInputException(
            "tags", "Tag '" + t + "' is " + t.length() + " characters; at most " + LibraryLimits.TAG);
      }
      if (t.contains(",")) {
        throw new LibraryInputException("tags", "Tag '" + t + "' contains a comma");
      }
      clean.add(t);
    }
    if (clean.size() > LibraryLimits.TAGS) {
      throw new LibraryInputException(
          "tags", clean.size() + " tags; a prompt may have at most " + LibraryLimits.TAGS);
    }
    return new ArrayList<>(clean);
  }

  private static String required(String field, String label, String value, int max) {
    var v = value.strip();
    if (v.isEmpty()) {
      throw new LibraryInputException(field, label + " is empty");
    }
    return limited(field, label, v, max);
  }

  private static String limited(String field, String label, String value, int max) {
    FreeText.problem(label, value, max).ifPresent(message -> {
      throw new LibraryInputException(field, message);
    });
    return value;
  }

  /** An imported version's recorded author: kept as provenance, so it is checked like any text. */
  static String author(String author) {
    return limited("author", "Author", author.strip(), FreeText.AUTHOR);
  }

  /** An imported version's dialect: one the parsers know, or empty (detected). */
  static String dialect(String dialect) {
    var d = dialect.strip();
    if (d.isEmpty()) {
      return d;
    }
    try {
      return Dialect.fromId(d).id();
    } catch (IllegalArgumentException e) {
      throw new LibraryInputException("dialect", "Dialect '" + d.substring(0, Math.min(d.length(), 40))
          + "' is not one of midjourney, a1111, compel");
    }
  }
}
