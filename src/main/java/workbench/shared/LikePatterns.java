package workbench.shared;

import java.util.Locale;

/**
 * SQL LIKE patterns from what a user typed: {@code %}, {@code _} and the escape character
 * itself match only themselves (PostgreSQL's default escape is the backslash).
 */
public final class LikePatterns {

  private LikePatterns() {}

  /** {@code text} with LIKE's wildcards and backslash escaped. */
  public static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /**
   * A pattern for "contains {@code query}" against a column read through SQL's {@code lower()}:
   * stripped and lower-cased in {@link Locale#ROOT} (a Turkish default locale would turn "I"
   * into a dotless ı that {@code lower()} never writes).
   */
  public static String containsLowerCase(String query) {
    return "%" + escape(query.strip().toLowerCase(Locale.ROOT)) + "%";
  }
}
