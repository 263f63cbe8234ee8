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
import workbench.account.ui.LoginView;

/**
 * Nothing without signing in, except the login page, the health check (for load balancers)
 * and views marked {@code @AnonymousAllowed} (a public grid's permalink). Views are checked
 * by Vaadin's navigation access control; the services by method security.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfig extends VaadinWebSecurity {

  @Override
  protected void configure(HttpSecurity http) throws Exception {
    var path = PathPatternRequestMatcher.withDefaults();
    http.authorizeHttpRequests(auth -> auth
        .requestMatchers(path.matcher("/actuator/health"), path.matcher("/actuator/health/**")).permitAll());
    // Sessions are registered per user so that disabling a user (or resetting their password)
    // signs them out everywhere at their next request.
    http.sessionManagement(sessions -> sessions.maximumSessions(-1).sessionRegistry(sessionRegistry()).expiredUrl("/login"));
    super.configure(http);
    setLoginView(http, LoginView.class);
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
