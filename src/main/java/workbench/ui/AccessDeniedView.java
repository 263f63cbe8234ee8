package workbench.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;

/** A service refused the signed-in user (their role, or someone else's library): say so, not "error". */
@ParentLayout(MainLayout.class)
@AnonymousAllowed
public class AccessDeniedView extends VerticalLayout implements HasErrorParameter<AccessDeniedException> {

  @Override
  public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
    removeAll();
    addClassName("error-view");
    add(new H2("Not allowed"),
        new Paragraph(parameter.getCaughtException().getMessage() + ". Ask the owner or an admin."),
        new Anchor("", "Go to the libraries"));
    return HttpServletResponse.SC_FORBIDDEN;
  }
}
