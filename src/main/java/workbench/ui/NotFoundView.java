package workbench.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/** A page or a record that is not there (a stale link, something deleted meanwhile). */
@ParentLayout(MainLayout.class)
@AnonymousAllowed
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

  @Override
  public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
    removeAll();
    addClassName("error-view");
    var what =
        parameter.hasCustomMessage()
            ? parameter.getCustomMessage()
            : "There is no page at /" + event.getLocation().getPath();
    add(new H2("Not found"), new Paragraph(what), new Anchor("", "Go to the libraries"));
    return HttpServletResponse.SC_NOT_FOUND;
  }
}
