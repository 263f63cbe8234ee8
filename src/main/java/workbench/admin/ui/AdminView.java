package workbench.admin.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import workbench.account.AuditLog;
import workbench.account.UserService;
import workbench.account.ui.AuditPanel;
import workbench.account.ui.UsersPanel;
import workbench.node.WorkerNodes;
import workbench.node.ui.WorkersPanel;
import workbench.run.GenerationService;
import workbench.run.ui.ModelsPanel;

/**
 * Users (add, role, disable, reset password), the instances of the deployment and what each
 * is doing, the models on offer (and model folders left out), and the audit trail, for admins
 * only. Each section is a panel owned by its feature; this page only lays them out, so no
 * feature depends on another through the Admin page.
 */
@Route("admin")
@PageTitle("Admin · Prompt Workbench")
@Menu(title = "Admin", order = 90, icon = "vaadin:users")
@RolesAllowed("ADMIN")
public class AdminView extends VerticalLayout {

  public AdminView(UserService users, AuditLog audit, WorkerNodes nodes, GenerationService generation) {
    var auditPanel = new AuditPanel(audit);
    var workersPanel = new WorkersPanel(nodes);
    var usersPanel = new UsersPanel(users, () -> {
      workersPanel.refresh();
      auditPanel.refresh();
    });
    add(new H2("Users"), usersPanel, new H2("Workers"), workersPanel,
        new H2("Models"), new ModelsPanel(generation), new H2("Audit"), auditPanel);
  }
}
