package workbench.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.DatabaseTest;

/**
 * The read rule is written twice: in Java ({@link CurrentUser#canRead}, for one thing at a time)
 * and in SQL ({@link AccessSql}, for pages that filter in the database). This holds the two to the
 * same answer for every signed-in viewer and editor, every visibility, owner and share: the SQL
 * fragment is evaluated over a row made of values, with the share table shadowed by a CTE of the
 * same name, so no real library or grid is needed (NULL, as a WHERE clause reads it, is false).
 */
class ReadRuleAgreementTest extends DatabaseTest {

  @Autowired UserService users;
  @Autowired CurrentUser currentUser;
  @Autowired JdbcClient jdbc;

  @Test
  void javaAndSqlAgreeOnLibraries() {
    assertAgree("library", "library_share", AccessSql::library, List.of(Visibility.PRIVATE, Visibility.SHARED, Visibility.EVERYONE));
  }

  @Test
  void javaAndSqlAgreeOnGrids() {
    assertAgree("experiment", "experiment_share", AccessSql::experiment, List.of(Visibility.values()));
  }

  private void assertAgree(String table, String shares, Function<String, String> rule, List<Visibility> visibilities) {
    var owner = users.create(SignIn.unique("owner"), "owner-password", Role.EDITOR);
    var invited = users.create(SignIn.unique("invited"), "invited-password", Role.VIEWER);
    var stranger = users.create(SignIn.unique("stranger"), "stranger-password", Role.EDITOR);
    var disagreements = new ArrayList<String>();
    int cases = 0;
    for (var reader : List.of(owner, invited, stranger)) {
      for (var visibility : visibilities) {
        for (@Nullable Long ownerId : java.util.Arrays.asList(owner.id(), null)) {
          for (var sharedWith : List.of(List.<Long>of(), List.of(invited.id()))) {
            boolean java = SignIn.as(reader, () -> currentUser.canRead(ownerId, visibility, sharedWith));
            boolean sql = sqlReads(table, shares, rule, reader.id(), ownerId, visibility, sharedWith);
            cases++;
            if (java != sql) {
              disagreements.add(reader.username() + " reading a " + visibility + " " + table + " owned by " + ownerId
                  + " shared with " + sharedWith + ": Java " + java + ", SQL " + sql);
            }
          }
        }
      }
    }
    assertThat(cases).isEqualTo(3 * visibilities.size() * 2 * 2);
    assertThat(disagreements).isEmpty();
  }

  private boolean sqlReads(String table, String shares, Function<String, String> rule, long me, @Nullable Long ownerId,
      Visibility visibility, List<Long> sharedWith) {
    String alias = table.substring(0, 1);
    String shareRows = sharedWith.isEmpty()
        ? "select -1::bigint, -1::bigint where false"
        : "values (42::bigint, " + sharedWith.get(0) + "::bigint)";
    return jdbc.sql("with " + shares + " (" + table + "_id, user_id) as (" + shareRows + ")"
            + " select coalesce(" + rule.apply(alias) + ", false) from (values (42::bigint, :owner::bigint, :visibility::text))"
            + " as " + alias + " (id, owner_id, visibility)")
        .param("owner", ownerId).param("visibility", visibility.name()).param("me", me)
        .query(Boolean.class).single();
  }
}
