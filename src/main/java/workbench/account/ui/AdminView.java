package workbench.account.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import workbench.account.AccountException;
import workbench.account.AppUser;
import workbench.account.AuditEvent;
import workbench.account.AuditLog;
import workbench.account.NewPassword;
import workbench.account.Role;
import workbench.account.UserService;
import workbench.generation.GenerationService;
import workbench.generation.ModelChoice;
import workbench.generation.WorkerNode;
import workbench.generation.WorkerNodes;
import workbench.ui.Notifications;

/**
 * Users (add, role, disable, reset password), the instances of the deployment and what each
 * is doing, the models on offer (and model folders left out), and the audit trail, for admins only.
 */
@Route("admin")
@PageTitle("Admin · Prompt Workbench")
@Menu(title = "Admin", order = 90, icon = "vaadin:users")
@RolesAllowed("ADMIN")
public class AdminView extends VerticalLayout {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final UserService users;
  private final AuditLog audit;
  private final Grid<AppUser> userGrid = new Grid<>();
  private final Grid<AuditEvent> auditGrid = new Grid<>();
  private final TextField auditUser = new TextField("Only by user");
  private final WorkerNodes nodes;
  private final Grid<WorkerNode> workerGrid = new Grid<>();

  public AdminView(UserService users, AuditLog audit, WorkerNodes nodes, GenerationService generation) {
    this.users = users;
    this.audit = audit;
    this.nodes = nodes;
    var name = new TextField("User name");
    name.setId("new-user-name");
    var role = new Select<Role>();
    role.setLabel("Role");
    role.setItems(Role.values());
    role.setValue(Role.VIEWER);
    role.setId("new-user-role");
    var add = new Button("Add user", e -> {
      try {
        showPassword(users.create(name.getValue(), role.getValue()), "created");
        name.clear();
        refresh();
      } catch (AccountException ex) {
        Notifications.error(ex.getMessage());
      }
    });
    add.setId("add-user");
    add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    var form = new HorizontalLayout(name, role, add);
    form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

    userGrid.setId("users");
    userGrid.addColumn(AppUser::username).setHeader("User").setAutoWidth(true);
    userGrid.addComponentColumn(this::roleSelect).setHeader("Role");
    userGrid.addColumn(u -> u.enabled() ? "enabled" : "disabled").setHeader("Status");
    userGrid.addColumn(u -> TIME.format(u.createdAt())).setHeader("Created (UTC)");
    userGrid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
    userGrid.setAllRowsVisible(true);

    auditUser.setId("audit-user");
    auditUser.setValueChangeMode(ValueChangeMode.LAZY);
    auditUser.addValueChangeListener(e -> refreshAudit());
    auditGrid.setId("audit");
    auditGrid.addColumn(e -> TIME.format(e.at())).setHeader("When (UTC)").setAutoWidth(true);
    auditGrid.addColumn(AuditEvent::username).setHeader("User");
    auditGrid.addColumn(AuditEvent::action).setHeader("Action");
    auditGrid.addColumn(e -> e.targetType() + " " + e.targetId()).setHeader("What");
    auditGrid.addColumn(AuditEvent::details).setHeader("Details").setFlexGrow(2);

    workerGrid.setId("workers");
    workerGrid.addColumn(WorkerNode::name).setHeader("Node").setAutoWidth(true);
    workerGrid.addColumn(n -> n.role().name().toLowerCase()).setHeader("Role").setAutoWidth(true);
    workerGrid.addColumn(WorkerNode::device).setHeader("Device").setAutoWidth(true);
    workerGrid.addColumn(n -> n.modelId().isEmpty() ? "not loaded yet" : n.modelId()).setHeader("Model").setAutoWidth(true);
    workerGrid.addColumn(WorkerNode::threads).setHeader("Threads").setAutoWidth(true);
    workerGrid.addColumn(n -> n.running().isEmpty() ? "idle" : String.join("; ", n.running()))
        .setHeader("Running").setFlexGrow(2);
    workerGrid.addColumn(n -> TIME.format(n.lastSeen())).setHeader("Last seen (UTC)").setAutoWidth(true);
    workerGrid.addColumn(n -> n.gone() ? "gone" : "live").setHeader("Status").setAutoWidth(true);
    workerGrid.setPartNameGenerator(n -> n.gone() ? "gone" : null);
    workerGrid.setAllRowsVisible(true);
    var refreshWorkers = new Button("Refresh", e -> refreshWorkers());
    refreshWorkers.setId("refresh-workers");

    // The models this instance offers, and the folders of workbench.models.dir it left out (and why).
    var modelGrid = new Grid<ModelChoice>();
    modelGrid.setId("models");
    modelGrid.addColumn(ModelChoice::id).setHeader("Model").setAutoWidth(true);
    modelGrid.addColumn(ModelChoice::label).setHeader("What it is").setFlexGrow(2);
    modelGrid.addColumn(m -> String.join(", ", m.processes())).setHeader("Art processes").setAutoWidth(true);
    modelGrid.setItems(generation.models());
    modelGrid.setAllRowsVisible(true);
    var modelProblems = new VerticalLayout();
    modelProblems.setId("model-problems");
    modelProblems.setPadding(false);
    generation.modelProblems().forEach(problem -> modelProblems.add(new Paragraph("Left out: " + problem)));

    add(new H2("Users"), form, userGrid, new H2("Workers"), refreshWorkers, workerGrid,
        new H2("Models"), modelGrid, modelProblems, new H2("Audit"), auditUser, auditGrid);
    refresh();
  }

  private Select<Role> roleSelect(AppUser user) {
    var select = new Select<Role>();
    select.setItems(Role.values());
    select.setValue(user.role());
    select.addValueChangeListener(e -> {
      if (!e.isFromClient() || e.getValue() == null) {
        return;
      }
      try {
        users.setRole(user.id(), e.getValue());
        Notifications.success(user.username() + " is now " + e.getValue());
      } catch (AccountException ex) {
        Notifications.error(ex.getMessage());
      }
      refresh();
    });
    return select;
  }

  private HorizontalLayout actions(AppUser user) {
    var toggle = new Button(user.enabled() ? "Disable" : "Enable", e -> {
      try {
        users.setEnabled(user.id(), !user.enabled());
      } catch (AccountException ex) {
        Notifications.error(ex.getMessage());
      }
      refresh();
    });
    toggle.setId("toggle-" + user.username());
    var reset = new Button("Reset password", e -> {
      showPassword(users.resetPassword(user.id()), "given a new password");
      refreshAudit();
    });
    reset.setId("reset-" + user.username());
    return new HorizontalLayout(toggle, reset);
  }

  /** The generated password is shown here once; it is stored only as a hash. */
  private void showPassword(NewPassword created, String what) {
    var dialog = new Dialog();
    dialog.setHeaderTitle(created.user().username() + " " + what);
    var password = new Span(created.password());
    password.setId("generated-password");
    password.getStyle().set("font-family", "monospace").set("font-size", "1.2em");
    dialog.add(new Paragraph("Their password (shown only now; pass it on safely):"), password);
    dialog.getFooter().add(new Button("Done", e -> dialog.close()));
    dialog.open();
  }

  private void refresh() {
    userGrid.setItems(users.users());
    refreshWorkers();
    refreshAudit();
  }

  private void refreshWorkers() {
    workerGrid.setItems(nodes.nodes());
  }

  private void refreshAudit() {
    auditGrid.setItems(audit.events(auditUser.getValue(), 500));
  }
}
