package workbench.account;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused unchecked, because too many failed before it (see {@link LoginThrottle}). */
public class SignInPausedException extends AuthenticationException {

  public SignInPausedException(String message) {
    super(message);
  }
}
