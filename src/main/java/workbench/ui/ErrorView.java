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
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What people see when something breaks: a plain apology and a reference to find the stack
 * trace in the log, never the stack trace itself.
 */
@ParentLayout(MainLayout.class)
@AnonymousAllowed
public class ErrorView extends VerticalLayout implements HasErrorParameter<Exception> {

  private static final Logger log = LoggerFactory.getLogger(ErrorView.class);

  @Override
  public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
    var reference = UUID.randomUUID().toString().substring(0, 8);
    log.error("Error shown to the user as {}", reference, parameter.getCaughtException());
    removeAll();
    addClassName("error-view");
    add(
        new H2("Something went wrong"),
        new Paragraph(
            "The workbench could not show this page. Nothing you saved is lost; your last "
                + "unsaved text may still be in the page you came from (use Back)."),
        new Paragraph("Reference for the administrator: " + reference),
        new Anchor("", "Go to the libraries"));
    return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
  }
}
