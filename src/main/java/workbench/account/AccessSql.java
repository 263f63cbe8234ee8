package workbench.account;

/**
 * The read rules of {@link CurrentUser#canRead} as SQL, for features that page in the
 * database (the gallery, the queue). Every fragment uses the bound parameter {@code :me}
 * (the caller's id, {@link CurrentUser#NONE} for none); admins skip the condition.
 */
public final class AccessSql {

  private AccessSql() {}

  /** A library row {@code l} the caller may read. */
  public static String library(String l) {
    return "(" + l + ".visibility = 'EVERYONE' or " + l + ".owner_id = :me or (" + l + ".visibility = 'SHARED'"
        + " and exists (select 1 from library_share ls where ls.library_id = " + l + ".id and ls.user_id = :me)))";
  }

  /** An experiment row {@code e} the caller may read. */
  public static String experiment(String e) {
    return "(" + e + ".visibility in ('EVERYONE', 'PUBLIC') or " + e + ".owner_id = :me or (" + e + ".visibility = 'SHARED'"
        + " and exists (select 1 from experiment_share es where es.experiment_id = " + e + ".id and es.user_id = :me)))";
  }

  /**
   * A run row {@code r} the caller may see: their own; otherwise its library prompt (if any)
   * and every grid it is a cell of must be readable. Runs typed on the Generate page, with
   * neither, are seen by every signed-in user; runs whose private or shared library (or
   * prompt) was deleted are {@code owner_only}.
   */
  public static String run(String r) {
    return "(" + r + ".owner_id = :me or (not " + r + ".owner_only and (" + r + ".prompt_version_id is null or exists ("
        + "select 1 from prompt_version av join prompt ap on ap.id = av.prompt_id join library al on al.id = ap.library_id"
        + " where av.id = " + r + ".prompt_version_id and " + library("al") + "))"
        + " and not exists (select 1 from experiment_cell ac join experiment ae on ae.id = ac.experiment_id"
        + " where ac.run_id = " + r + ".id and not " + experiment("ae") + ")))";
  }
}
