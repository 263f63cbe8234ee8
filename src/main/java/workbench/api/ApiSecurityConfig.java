package workbench.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import workbench.account.SignInPausedException;

/**
 * Security of {@code /api/**}, ahead of the UI's chain: stateless (no session, no CSRF: a
 * bearer token is not sent by browsers on their own), authenticated by API tokens. HTTP Basic
 * with the user's password is accepted only to make a token ({@code POST /api/v1/tokens}), so
 * a leaked token cannot mint others. Failures answer as problem details, never a login page.
 * The OpenAPI description and Swagger UI open without signing in.
 */
@Configuration
class ApiSecurityConfig {

  static final String TOKENS = "/api/v1/tokens";

  /** Making a token: HTTP Basic (the user's name and password). */
  @Bean
  @Order(1)
  SecurityFilterChain apiTokenCreation(HttpSecurity http, ProblemWriter problems) throws Exception {
    var path = PathPatternRequestMatcher.withDefaults();
    http.securityMatcher(path.matcher(HttpMethod.POST, TOKENS));
    stateless(http, problems, "Basic realm=\"prompt-workbench\"");
    http.httpBasic(basic -> basic.authenticationEntryPoint(problems.entryPoint("Basic realm=\"prompt-workbench\"")));
    return http.build();
  }

  /** Everything else under /api: a bearer token. */
  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, ProblemWriter problems, TokenAuthenticator tokens,
      ObjectProvider<SecurityContextHolderStrategy> strategy) throws Exception {
    http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"));
    var challenge = "Bearer realm=\"prompt-workbench\"";
    stateless(http, problems, challenge);
    http.addFilterBefore(new BearerTokenFilter(tokens, problems.entryPoint(challenge),
        strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy)), BasicAuthenticationFilter.class);
    return http.build();
  }

  /** The API's description and its browser page are public, like any API's documentation. */
  @Bean
  @Order(3)
  SecurityFilterChain apiDocs(HttpSecurity http) throws Exception {
    var path = PathPatternRequestMatcher.withDefaults();
    http.securityMatcher(new OrRequestMatcher(
        path.matcher("/v3/api-docs"), path.matcher("/v3/api-docs/**"),
        path.matcher("/swagger-ui.html"), path.matcher("/swagger-ui/**")));
    http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
    http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    http.csrf(csrf -> csrf.disable());
    http.requestCache(cache -> cache.disable());
    return http.build();
  }

  private static void stateless(HttpSecurity http, ProblemWriter problems, String challenge) throws Exception {
    http.authorizeHttpRequests(auth -> auth.anyRequest().authenticated());
    http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    http.csrf(csrf -> csrf.disable());
    http.requestCache(cache -> cache.disable());
    http.formLogin(form -> form.disable());
    http.logout(logout -> logout.disable());
    http.exceptionHandling(e -> e.authenticationEntryPoint(problems.entryPoint(challenge))
        .accessDeniedHandler(problems.accessDenied()));
  }

  @Bean
  ProblemWriter apiProblemWriter(ObjectMapper json) {
    return new ProblemWriter(json);
  }

  /** Writes 401 and 403 as problem details, outside Spring MVC (the security filters answer them). */
  static final class ProblemWriter {

    private final ObjectMapper json;

    ProblemWriter(ObjectMapper json) {
      this.json = json;
    }

    AuthenticationEntryPoint entryPoint(String challenge) {
      return (request, response, e) -> {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        write(response, HttpStatus.UNAUTHORIZED, detail(e, challenge));
      };
    }

    AccessDeniedHandler accessDenied() {
      return (request, response, e) -> write(response, HttpStatus.FORBIDDEN, e.getMessage());
    }

    private static String detail(AuthenticationException e, String challenge) {
      if (e instanceof SignInPausedException) {
        return e.getMessage();
      }
      if (e instanceof BadCredentialsException || e instanceof DisabledException) {
        return challenge.startsWith("Basic")
            ? "Wrong user name or password, or the user is disabled"
            : e.getMessage();
      }
      return challenge.startsWith("Basic")
          ? "Send the user's name and password with HTTP Basic to make a token"
          : "Send an API token as 'Authorization: Bearer <token>': make one on the API tokens page,"
              + " or with POST " + TOKENS + " and your user name and password (HTTP Basic)";
    }

    void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
      var problem = ProblemDetail.forStatusAndDetail(status, detail);
      response.setStatus(status.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(response.getOutputStream(), problem);
    }
  }

  /**
   * Authenticates {@code Authorization: Bearer <token>} as the token's user, with the same
   * principal as after signing in. A presented token that does not work is refused at once
   * (401), rather than passed on as "not signed in".
   */
  static final class BearerTokenFilter extends OncePerRequestFilter {

    private final TokenAuthenticator tokens;
    private final AuthenticationEntryPoint refuse;
    private final SecurityContextHolderStrategy security;

    BearerTokenFilter(TokenAuthenticator tokens, AuthenticationEntryPoint refuse, SecurityContextHolderStrategy security) {
      this.tokens = tokens;
      this.refuse = refuse;
      this.security = security;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      var header = request.getHeader(HttpHeaders.AUTHORIZATION);
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        chain.doFilter(request, response);
        return;
      }
      var principal = tokens.authenticate(header.substring(7).strip());
      if (principal.isEmpty()) {
        security.clearContext();
        refuse.commence(request, response, new BadCredentialsException(
            "The API token is not valid: it is unknown or revoked, or its user is disabled"));
        return;
      }
      var p = principal.get();
      var context = security.createEmptyContext();
      context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities()));
      security.setContext(context);
      chain.doFilter(request, response);
    }
  }
}
