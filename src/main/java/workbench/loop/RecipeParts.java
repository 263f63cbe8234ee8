package workbench.loop;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a recipe cannot be without. JSON that someone else wrote (a PNG's
 * {@code workbench-recipe} chunk is anyone's to edit) gives a null for every key it lacks, and
 * the records carried it on to a NullPointerException far from the cause (issue 16: a recipe
 * {@code {"terms":[]}}). The records' constructors call these instead, so a recipe with a part
 * missing is never made, and the refusal names the part as the JSON spells it.
 */
final class RecipeParts {

  private RecipeParts() {}

  static <T> T required(String part, @Nullable T value) {
    if (value == null) {
      throw new IllegalArgumentException("\"" + part + "\" is missing");
    }
    return value;
  }

  /** The list, whole: present, and no entry of it null. */
  static <T> List<T> entries(String part, @Nullable List<? extends @Nullable T> list) {
    var present = required(part, list);
    for (int i = 0; i < present.size(); i++) {
      if (present.get(i) == null) {
        throw new IllegalArgumentException("\"" + part + "\" has an empty entry (" + (i + 1) + ")");
      }
    }
    @SuppressWarnings("unchecked") // every entry was just checked
    var whole = (List<T>) present;
    return whole;
  }

  /** A part of an entry of a list, which does not know its place: "a term has no "text"". */
  static <T> T inEntry(String entry, String part, @Nullable T value) {
    if (value == null) {
      throw new IllegalArgumentException(entry + " has no \"" + part + "\"");
    }
    return value;
  }
}
