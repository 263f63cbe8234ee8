package workbench.account.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import workbench.account.AuditEvent;
import workbench.account.AuditLog;
import workbench.shared.Timestamps;

/** The Admin page's audit trail: the latest 500 events, optionally by one user. */
public class AuditPanel extends VerticalLayout {

  private final AuditLog audit;
  private final Grid<AuditEvent> auditGrid = new Grid<>();
  private final TextField auditUser = new TextField("Only by user");

  public AuditPanel(AuditLog audit) {
    this.audit = audit;
    setPadding(false);
    auditUser.setId("audit-user");
    auditUser.setValueChangeMode(ValueChangeMode.LAZY);
    auditUser.addValueChangeListener(e -> refresh());
    auditGrid.setId("audit");
    auditGrid.addColumn(e -> Timestamps.UTC_SECONDS.format(e.at())).setHeader("When (UTC)").setAutoWidth(true);
    auditGrid.addColumn(AuditEvent::username).setHeader("User");
    auditGrid.addColumn(AuditEvent::action).setHeader("Action");
    auditGrid.addColumn(e -> e.targetType() + " " + e.targetId()).setHeader("What");
    auditGrid.addColumn(AuditEvent::details).setHeader("Details").setFlexGrow(2);
    add(auditUser, auditGrid);
    refresh();
  }

  public void refresh() {
    auditGrid.setItems(audit.events(auditUser.getValue(), 500));
  }
}
