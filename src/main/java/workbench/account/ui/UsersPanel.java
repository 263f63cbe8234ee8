package workbench.account.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import workbench.account.AccountException;
import workbench.account.AppUser;
import workbench.account.NewPassword;
import workbench.account.Role;
import workbench.account.UserService;
import workbench.shared.Timestamps;
import workbench.ui.Notifications;

/**
 * The Admin page's users: add one (its password shown once), change a role, disable or enable,
 * reset a password. Every change is audited, so the page is told to show the audit afresh.
 */
public class UsersPanel extends VerticalLayout {

  private final UserService users;
  private final Runnable changed;
  private final Grid<AppUser> userGrid = new Grid<>();

  /** {@code changed} runs after every change this panel makes (the audit trail grew). */
  public UsersPanel(UserService users, Runnable changed) {
    this.users = users;
    this.changed = changed;
    setPadding(false);
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
        changed.run();
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
    userGrid.addColumn(u -> Timestamps.UTC_SECONDS.format(u.createdAt())).setHeader("Created (UTC)");
    userGrid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
    userGrid.setAllRowsVisible(true);

    add(form, userGrid);
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
      changed.run();
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
      changed.run();
    });
    toggle.setId("toggle-" + user.username());
    var reset = new Button("Reset password", e -> {
      showPassword(users.resetPassword(user.id()), "given a new password");
      changed.run();
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
  }
}
