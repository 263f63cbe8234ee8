package workbench;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Base of view tests: the real Spring app on the embedded PostgreSQL, a mocked browser, and
 * the test's user signed in (DatabaseTest's admin unless the test says otherwise): the
 * Spring security context for the services, and the request's principal and roles for
 * Vaadin's view access checks.
 */
public abstract class KaribuTest extends DatabaseTest {

  private static final Routes ROUTES = new Routes().autoDiscoverViews("workbench");

  @Autowired protected ApplicationContext context;

  @BeforeEach
  void setUpVaadin() {
    MockVaadin.setMockRequestFactory(session -> {
      var request = new FakeRequest(session);
      var auth = SecurityContextHolder.getContext().getAuthentication();
      if (auth != null && !(auth instanceof AnonymousAuthenticationToken)) {
        request.setUserPrincipalInt(auth);
        request.setUserInRole((principal, role) -> hasRole(auth, role));
      }
      return request;
    });
    MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
  }

  @AfterEach
  void tearDownVaadin() {
    MockVaadin.tearDown();
  }

  private static boolean hasRole(Authentication auth, String role) {
    var wanted = role.startsWith("ROLE_") ? role : "ROLE_" + role;
    return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(wanted::equals);
  }
}
