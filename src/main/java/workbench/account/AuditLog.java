package workbench.account;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who created, edited, deleted or shared what. Features record in their own transaction, so
 * an event exists exactly when its change does; only admins read the trail.
 */
@Service
public class AuditLog {

  private final JdbcClient jdbc;
  private final CurrentUser currentUser;

  AuditLog(JdbcClient jdbc, CurrentUser currentUser) {
    this.jdbc = jdbc;
    this.currentUser = currentUser;
  }

  /** Records {@code action} (e.g. "library.delete") by the caller on {@code targetType} {@code targetId}. */
  @Transactional
  public void record(String action, String targetType, Object targetId, String details) {
    jdbc.sql("insert into audit_event (username, action, target_type, target_id, details) values (?, ?, ?, ?, ?)")
        .params(currentUser.name(), action, targetType, String.valueOf(targetId), details)
        .update();
  }

  /** The newest {@code limit} events, of one user when {@code username} is not blank. */
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional(readOnly = true)
  public List<AuditEvent> events(String username, int limit) {
    if (FreeText.characters("User name", username).isPresent()) {
      return List.of(); // no user has a name that cannot be stored, and PostgreSQL cannot compare it
    }
    var filter = username.isBlank() ? "" : " where lower(username) = lower(:user)";
    var query = jdbc.sql("select * from audit_event" + filter + " order by at desc, id desc limit :limit")
        .param("limit", Math.max(1, Math.min(limit, 1000)));
    if (!username.isBlank()) {
      query = query.param("user", username.strip());
    }
    return query.query((rs, n) -> new AuditEvent(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
            rs.getString("username"), rs.getString("action"), rs.getString("target_type"),
            rs.getString("target_id"), rs.getString("details")))
        .list();
  }
}
