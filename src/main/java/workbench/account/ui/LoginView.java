package workbench.account.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
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
    // Spring Security sends a failed sign-in back to /login?error.
    login.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
  }
}
