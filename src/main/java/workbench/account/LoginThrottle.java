package workbench.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Locale;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address, and pauses signing in where
 * either count reached its limit, the right password included, so that guessing stops paying
 * (issue 16: thirty guesses in fourteen seconds, then the right one worked). The counts live
 * in bounded Caffeine caches that forget a key {@code pause} after its last failure; a success
 * clears its account's count, never its address's, so one valid account cannot reset a spray.
 * Per instance: several UI nodes each count their own.
 */
@Component
class LoginThrottle {

  private static final int MAX_KEYS = 100_000;

  private final LoginSettings settings;
  private final Cache<String, Integer> accounts;
  private final Cache<String, Integer> addresses;

  LoginThrottle(LoginSettings settings) {
    this.settings = settings;
    this.accounts = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterWrite(settings.pause()).build();
    this.addresses = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterWrite(settings.pause()).build();
  }

  /** Wraps the password check: refused while paused; failures and successes counted. */
  AuthenticationProvider around(AuthenticationProvider passwords) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication attempt) {
        var account = attempt.getName().strip().toLowerCase(Locale.ROOT);
        var address = attempt.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
            ? web.getRemoteAddress() : "unknown";
        check(account, address);
        try {
          var signedIn = passwords.authenticate(attempt);
          accounts.invalidate(account);
          return signedIn;
        } catch (BadCredentialsException e) {
          accounts.asMap().merge(account, 1, Integer::sum);
          addresses.asMap().merge(address, 1, Integer::sum);
          throw e;
        }
      }

      @Override
      public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
      }
    };
  }

  private void check(String account, String address) {
    var byAccount = accounts.getIfPresent(account);
    var byAddress = addresses.getIfPresent(address);
    if ((byAccount != null && byAccount >= settings.maxFailuresPerAccount())
        || (byAddress != null && byAddress >= settings.maxFailuresPerAddress())) {
      throw new SignInPausedException("Too many failed sign-ins for this account or from this address: signing in"
          + " is paused until " + settings.pause().toMinutes() + " minutes after the last failure");
    }
  }
}
