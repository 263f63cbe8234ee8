package workbench.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, finding 7: thirty wrong passwords in fourteen seconds, then the right one worked;
 * and a cross-site POST to /login without a token signed the browser in. Now failures pause
 * sign-in per account and per address (the right password too, until the pause ends), on the
 * form and on HTTP Basic alike, and the login form wants its CSRF token.
 */
class SignInHardeningHttpTest extends HardenedAppHttpTest {

  @Test
  void wrongPasswordsPauseTheAccountEvenForTheRightOne() throws Exception {
    var target = user("target", Role.EDITOR);
    var attacker = browserAt("203.0.113.10");
    for (int i = 0; i < 5; i++) {
      assertThat(HttpSession.location(attacker.signIn(target.username(), "guess-" + i))).endsWith("/login?error");
    }
    var owner = browserAt("198.51.100.10");
    var refused = owner.signIn(target.username(), "target-password");
    assertThat(HttpSession.location(refused)).endsWith("/login?throttled");
    assertThat(HttpSession.location(owner.get("/"))).as("not signed in").endsWith("/login");
  }

  @Test
  void manyFailuresFromOneAddressPauseEveryAccountThere() throws Exception {
    var spray = browserAt("203.0.113.20");
    for (int account = 0; account < 3; account++) {
      var name = user("sprayed", Role.VIEWER).username();
      for (int i = 0; i < 4; i++) { // under the account's limit of 5
        assertThat(HttpSession.location(spray.signIn(name, "guess-" + i))).endsWith("/login?error");
      }
    }
    var next = user("next", Role.VIEWER);
    assertThat(HttpSession.location(spray.signIn(next.username(), "next-password"))).endsWith("/login?throttled");
    var elsewhere = browserAt("198.51.100.20");
    assertThat(HttpSession.location(elsewhere.signIn(next.username(), "next-password"))).doesNotContain("/login");
    assertThat(elsewhere.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void theApiTokenEndpointCountsFailuresToo() throws Exception {
    var target = user("scripted", Role.EDITOR);
    var client = browserAt("203.0.113.30");
    for (int i = 0; i < 5; i++) {
      assertThat(makeToken(client, target.username(), "guess-" + i).statusCode()).isEqualTo(401);
    }
    var refused = makeToken(client, target.username(), "scripted-password");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("Too many failed sign-ins");
  }

  @Test
  void aCrossSitePostToTheLoginFormDoesNotSignIn() throws Exception {
    var victim = user("victim", Role.EDITOR);
    // Another site's page posts the form: the browser has no session here, the page no token.
    var browser = browserAt("198.51.100.40");
    var forged = browser.postWithoutToken("/login", "username", victim.username(), "password", "victim-password");
    assertThat(HttpSession.location(forged)).as("sent back to sign in").contains("/login");
    assertThat(HttpSession.location(browser.get("/"))).as("not signed in").endsWith("/login");

    // With a session of its own (the victim opened the site before), still no token: refused.
    browser.get("/login");
    browser.postWithoutToken("/login", "username", victim.username(), "password", "victim-password");
    assertThat(HttpSession.location(browser.get("/"))).as("still not signed in").endsWith("/login");

    // The real form, with the token of its page, signs in.
    assertThat(HttpSession.location(browser.signIn(victim.username(), "victim-password"))).doesNotContain("/login");
    assertThat(browser.get("/").statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> makeToken(HttpSession client, String user, String password) throws Exception {
    var basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return client.send(client.request("/api/v1/tokens").header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"script\"}")).build());
  }
}
