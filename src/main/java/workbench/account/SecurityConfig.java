package workbench.account;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import workbench.account.ui.LoginView;

/**
 * Nothing without signing in, except the login page, the health check (for load balancers)
 * and views marked {@code @AnonymousAllowed} (a public grid's permalink). Views are checked
 * by Vaadin's navigation access control; the services by method security. Password sign-in is
 * throttled ({@link LoginThrottle}) and CSRF-checked; pages carry a Content Security Policy and a
 * Referrer Policy.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfig extends VaadinWebSecurity {

  /**
   * What the Vaadin app needs and no more: its bootstrap runs an inline script and the client
   * engine builds functions from what the server sends ('unsafe-inline' and 'unsafe-eval', as
   * Vaadin's CSP documentation says), its styles are inline; images only from here, data: and
   * blob:, so Markdown notes cannot load (or report to) remote images.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval';"
      + " style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self';"
      + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  @Override
  protected void configure(HttpSecurity http) throws Exception {
    var path = PathPatternRequestMatcher.withDefaults();
    http.authorizeHttpRequests(auth -> auth
        .requestMatchers(path.matcher("/actuator/health"), path.matcher("/actuator/health/**")).permitAll());
    // Sessions are registered per user so that disabling a user (or resetting their password)
    // signs them out everywhere at their next request.
    http.sessionManagement(sessions -> sessions.maximumSessions(-1).sessionRegistry(sessionRegistry()).expiredUrl("/login"));
    var csrfTokens = new HttpSessionCsrfTokenRepository();
    http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens));
    http.headers(headers -> headers
        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    super.configure(http);
    setLoginView(http, LoginView.class);
    // Vaadin's setLoginView exempts the login POST from CSRF, so another site's page could sign
    // a visitor in as someone else (login CSRF). The exemption cannot be taken back, so a second
    // CsrfFilter, on the same tokens, guards that POST alone; Vaadin's login form sends the
    // token of its page. A stale page (its session gone) is sent back to sign in again.
    var loginCsrf = new CsrfFilter(csrfTokens);
    loginCsrf.setBeanName("loginCsrfFilter"); // its own "already filtered" mark, apart from the main CsrfFilter's
    loginCsrf.setRequireCsrfProtectionMatcher(path.matcher(HttpMethod.POST, "/login"));
    loginCsrf.setAccessDeniedHandler((request, response, denied) ->
        response.sendRedirect(request.getContextPath() + "/login?expired"));
    http.addFilterBefore(loginCsrf, UsernamePasswordAuthenticationFilter.class);
    var failures = new ExceptionMappingAuthenticationFailureHandler();
    failures.setDefaultFailureUrl("/login?error");
    failures.setExceptionMappings(Map.of(SignInPausedException.class.getName(), "/login?throttled"));
    http.formLogin(form -> form.failureHandler(failures));
  }

  /** Password sign-in (the form and the API's HTTP Basic), paused after too many failures. */
  @Bean
  AuthenticationProvider passwordSignIn(AccountUserDetailsService users, PasswordEncoder passwords, LoginThrottle throttle) {
    var provider = new DaoAuthenticationProvider(users);
    provider.setPasswordEncoder(passwords);
    return throttle.around(provider);
  }

  @Bean
  SessionRegistry sessionRegistry() {
    return new SessionRegistryImpl();
  }

  /** Tells the session registry when sessions end. */
  @Bean
  HttpSessionEventPublisher httpSessionEventPublisher() {
    return new HttpSessionEventPublisher();
  }

  /** bcrypt, stored with its {id} prefix so the algorithm can change later. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
