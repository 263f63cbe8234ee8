package workbench.account.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Sign-in: the form posts to Spring Security's /login (with the CSRF token Vaadin adds). */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Prompt Workbench")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

  private final LoginForm login = new LoginForm();

  public LoginView() {
    setSizeFull();
    setAlignItems(FlexComponent.Alignment.CENTER);
    setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
    login.setAction("login");
    login.setForgotPasswordButtonVisible(false);
    add(new H1("Prompt Workbench"), login,
        new Paragraph("Ask an admin for an account or a new password."));
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    // Spring Security sends a failed sign-in back to /login?error, a paused one (too many
    // failures) to ?throttled, and a form whose page had expired (no valid CSRF token) to ?expired.
    var query = event.getLocation().getQueryParameters().getParameters();
    var i18n = LoginI18n.createDefault();
    if (query.containsKey("throttled")) {
      i18n.getErrorMessage().setTitle("Signing in is paused");
      i18n.getErrorMessage().setMessage("Too many failed sign-ins for this account or from this address."
          + " Wait a quarter of an hour after the last one, or ask an admin.");
    } else if (query.containsKey("expired")) {
      i18n.getErrorMessage().setTitle("The sign-in page had expired");
      i18n.getErrorMessage().setMessage("Please sign in again.");
    }
    login.setI18n(i18n);
    login.setError(query.containsKey("error") || query.containsKey("throttled") || query.containsKey("expired"));
  }
}
