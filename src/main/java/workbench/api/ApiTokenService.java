package workbench.api;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import workbench.account.AccountException;
import workbench.account.AuditLog;
import workbench.account.CurrentUser;
import workbench.account.FreeText;
import workbench.library.NotFoundException;
import workbench.shared.Sha256;

/**
 * API tokens: every signed-in user makes, lists and revokes their own. A token is 256 random
 * bits shown once; only its SHA-256 is stored (a slow password hash would buy nothing against
 * 256 bits and would cost every API request). A token acts as its user with the user's role
 * as it is now, and stops working when revoked or when the user is disabled
 * ({@link TokenAuthenticator}).
 */
@Service
@Transactional
@PreAuthorize("hasRole('VIEWER')")
public class ApiTokenService {

  /** Marks workbench tokens, so secret scanners and people recognise one. */
  static final String TOKEN_PREFIX = "pwb_";
  private static final int SHOWN_PREFIX = TOKEN_PREFIX.length() + 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final CurrentUser currentUser;
  private final AuditLog audit;

  ApiTokenService(JdbcClient jdbc, CurrentUser currentUser, AuditLog audit) {
    this.jdbc = jdbc;
    this.currentUser = currentUser;
    this.audit = audit;
  }

  /** A new token of the caller's, named so they know later what uses it. */
  public NewApiToken create(String name) {
    var clean = name.strip();
    if (clean.isEmpty()) {
      throw new AccountException("name", "Token name is empty: say what uses the token, to recognise it later");
    }
    FreeText.problem("Token name", clean, FreeText.TOKEN_NAME).ifPresent(problem -> {
      throw new AccountException("name", problem);
    });
    long me = me();
    var bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    var secret = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    long id = jdbc.sql("insert into api_token (user_id, name, token_sha256, prefix) values (?, ?, ?, ?) returning id")
        .params(me, clean, sha256(secret), secret.substring(0, SHOWN_PREFIX))
        .query(Long.class).single();
    audit.record("api-token.create", "api-token", id, clean);
    return new NewApiToken(token(id, me), secret);
  }

  /** The caller's tokens, newest first, revoked ones included. */
  @Transactional(readOnly = true)
  public List<ApiToken> mine() {
    return jdbc.sql("select * from api_token where user_id = ? order by created_at desc, id desc")
        .params(currentUser.id()).query(ApiTokenService::token).list();
  }

  /** Revokes one of the caller's tokens; another user's token is "not found", as if it did not exist. */
  public ApiToken revoke(long id) {
    long me = me();
    var token = token(id, me);
    if (token.active()) {
      jdbc.sql("update api_token set revoked_at = now() where id = ?").params(id).update();
      audit.record("api-token.revoke", "api-token", id, token.name());
    }
    return token(id, me);
  }

  private long me() {
    long me = currentUser.id();
    if (me == CurrentUser.NONE) {
      throw new AccountException("API tokens belong to a user account: sign in as a user to make one");
    }
    return me;
  }

  private ApiToken token(long id, long owner) {
    return jdbc.sql("select * from api_token where id = ? and user_id = ?").params(id, owner)
        .query(ApiTokenService::token).optional()
        .orElseThrow(() -> new NotFoundException("API token " + id));
  }

  private static ApiToken token(ResultSet rs, int row) throws SQLException {
    return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("prefix"),
        rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("last_used_at")),
        instant(rs.getTimestamp("revoked_at")));
  }

  private static Optional<Instant> instant(@Nullable Timestamp t) {
    return Optional.ofNullable(t).map(Timestamp::toInstant);
  }

  static String sha256(String secret) {
    return Sha256.hex(secret);
  }
}
