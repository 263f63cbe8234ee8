package workbench.api;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import workbench.account.AccountPrincipal;
import workbench.account.Principals;

/**
 * Who a presented API token stands for. Runs in the security filter, before anyone is signed
 * in, so it is not behind method security.
 */
@Component
class TokenAuthenticator {

  private final JdbcClient jdbc;
  private final Principals principals;

  TokenAuthenticator(JdbcClient jdbc, Principals principals) {
    this.jdbc = jdbc;
    this.principals = principals;
  }

  /**
   * The token's user: empty when the token is unknown, revoked, or its user is disabled.
   * Records the use to the minute, so a busy client does not write on every request.
   */
  @Transactional
  Optional<AccountPrincipal> authenticate(String secret) {
    if (!secret.startsWith(ApiTokenService.TOKEN_PREFIX) || secret.length() > 200) {
      return Optional.empty();
    }
    var hash = ApiTokenService.sha256(secret);
    var userId = jdbc.sql("select user_id from api_token where token_sha256 = ? and revoked_at is null")
        .params(hash).query(Long.class).optional();
    var principal = userId.flatMap(principals::of).filter(AccountPrincipal::isEnabled);
    if (principal.isPresent()) {
      jdbc.sql("""
          update api_token set last_used_at = now()
          where token_sha256 = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')""")
          .params(hash).update();
    }
    return principal;
  }
}
