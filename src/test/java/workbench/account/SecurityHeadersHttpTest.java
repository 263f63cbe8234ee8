package workbench.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, finding 11, over real HTTP: the session cookie is SameSite=Lax (and Secure when the
 * request came over TLS, here through a proxy's X-Forwarded-Proto), pages carry a Content
 * Security Policy that Vaadin can run under but that loads no remote image, and a Referrer
 * Policy; the health check shows its details to admins only.
 */
class SecurityHeadersHttpTest extends HardenedAppHttpTest {

  @Test
  void theSessionCookieIsSameSiteLaxAndSecureBehindTls() throws Exception {
    var plain = sessionCookie(new HttpSession(port).get("/"));
    assertThat(plain).contains("SameSite=Lax").contains("HttpOnly").doesNotContainIgnoringCase("secure");

    var behindTls = sessionCookie(new HttpSession(port, "X-Forwarded-Proto", "https").get("/"));
    assertThat(behindTls).contains("SameSite=Lax").contains("Secure");
  }

  @Test
  void pagesCarryAContentSecurityPolicyAndAReferrerPolicy() throws Exception {
    var page = new HttpSession(port).get("/login");
    assertThat(page.statusCode()).isEqualTo(200);
    var csp = page.headers().firstValue("Content-Security-Policy").orElse("");
    // Vaadin's bootstrap needs inline scripts and eval (Vaadin's CSP documentation); images come
    // from here, data: and blob: only, so notes cannot load remote images.
    assertThat(csp).contains("default-src 'self'")
        .contains("script-src 'self' 'unsafe-inline' 'unsafe-eval'")
        .contains("style-src 'self' 'unsafe-inline'")
        .contains("img-src 'self' data: blob:")
        .contains("object-src 'none'")
        .contains("frame-ancestors 'none'")
        .contains("form-action 'self'")
        .contains("base-uri 'self'");
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
  }

  @Test
  void healthShowsItsDetailsToAdminsOnly() throws Exception {
    var anonymous = new HttpSession(port).get("/actuator/health");
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body()).isEqualTo("{\"status\":\"UP\"}");

    var viewer = user("onlooker", Role.VIEWER);
    var signedIn = browserAt("198.51.100.50");
    signedIn.signIn(viewer.username(), "onlooker-password");
    assertThat(signedIn.get("/actuator/health").body()).isEqualTo("{\"status\":\"UP\"}");

    var admin = browserAt("198.51.100.51");
    admin.signIn("keeper", "keeper-password");
    assertThat(admin.get("/actuator/health").body()).startsWith("{\"status\":\"UP\"")
        .contains("\"db\":{\"status\":\"UP\",\"details\":{\"database\":\"PostgreSQL\"");
  }

  private static String sessionCookie(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
        .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
  }
}
