package workbench.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The app_user table (plain SQL; names are matched case-insensitively). */
@Repository
class UserStore {

  /** A user row with its hash, for sign-in only. */
  record Credentials(AppUser user, String passwordHash) {}

  private final JdbcClient jdbc;

  UserStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long count() {
    return jdbc.sql("select count(*) from app_user").query(Long.class).single();
  }

  AppUser insert(String username, String passwordHash, Role role) {
    long id = jdbc.sql("insert into app_user (username, password_hash, role) values (?, ?, ?) returning id")
        .params(username, passwordHash, role.name())
        .query(Long.class)
        .single();
    return find(id).orElseThrow();
  }

  Optional<AppUser> find(long id) {
    return jdbc.sql("select * from app_user where id = ?").params(id).query(UserStore::user).optional();
  }

  /** Empty for a name that cannot be stored (PostgreSQL refuses to even compare a NUL): nobody has it. */
  Optional<AppUser> findByName(String username) {
    if (FreeText.characters("User name", username).isPresent()) {
      return Optional.empty();
    }
    return jdbc.sql("select * from app_user where lower(username) = lower(?)").params(username)
        .query(UserStore::user).optional();
  }

  Optional<Credentials> credentials(String username) {
    if (FreeText.characters("User name", username).isPresent()) {
      return Optional.empty();
    }
    return jdbc.sql("select * from app_user where lower(username) = lower(?)").params(username)
        .query((rs, n) -> new Credentials(user(rs, n), rs.getString("password_hash")))
        .optional();
  }

  List<AppUser> all() {
    return jdbc.sql("select * from app_user order by lower(username)").query(UserStore::user).list();
  }

  List<AppUser> byIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select * from app_user where id in (:ids) order by lower(username)")
        .param("ids", ids).query(UserStore::user).list();
  }

  long enabledAdmins() {
    return jdbc.sql("select count(*) from app_user where role = 'ADMIN' and enabled").query(Long.class).single();
  }

  void role(long id, Role role) {
    jdbc.sql("update app_user set role = ? where id = ?").params(role.name(), id).update();
  }

  void enabled(long id, boolean enabled) {
    jdbc.sql("update app_user set enabled = ? where id = ?").params(enabled, id).update();
  }

  void passwordHash(long id, String hash) {
    jdbc.sql("update app_user set password_hash = ? where id = ?").params(hash, id).update();
  }

  private static AppUser user(ResultSet rs, int row) throws SQLException {
    return new AppUser(rs.getLong("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
        rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant());
  }
}
