package workbench.node.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.Locale;
import workbench.node.WorkerNode;
import workbench.node.WorkerNodes;
import workbench.shared.Timestamps;

/** The Admin page's instances of the deployment: role, device, model, threads, what each runs, last heartbeat. */
public class WorkersPanel extends VerticalLayout {

  private final WorkerNodes nodes;
  private final Grid<WorkerNode> workerGrid = new Grid<>();

  public WorkersPanel(WorkerNodes nodes) {
    this.nodes = nodes;
    setPadding(false);
    workerGrid.setId("workers");
    workerGrid.addColumn(WorkerNode::name).setHeader("Node").setAutoWidth(true);
    workerGrid.addColumn(n -> n.role().name().toLowerCase(Locale.ROOT)).setHeader("Role").setAutoWidth(true);
    workerGrid.addColumn(WorkerNode::device).setHeader("Device").setAutoWidth(true);
    workerGrid.addColumn(n -> n.modelId().isEmpty() ? "not loaded yet" : n.modelId()).setHeader("Model").setAutoWidth(true);
    workerGrid.addColumn(WorkerNode::threads).setHeader("Threads").setAutoWidth(true);
    workerGrid.addColumn(n -> n.running().isEmpty() ? "idle" : String.join("; ", n.running()))
        .setHeader("Running").setFlexGrow(2);
    workerGrid.addColumn(n -> Timestamps.UTC_SECONDS.format(n.lastSeen())).setHeader("Last seen (UTC)").setAutoWidth(true);
    workerGrid.addColumn(n -> n.gone() ? "gone" : "live").setHeader("Status").setAutoWidth(true);
    workerGrid.setPartNameGenerator(n -> n.gone() ? "gone" : null);
    workerGrid.setAllRowsVisible(true);
    var refresh = new Button("Refresh", e -> refresh());
    refresh.setId("refresh-workers");
    add(refresh, workerGrid);
    refresh();
  }

  public void refresh() {
    workerGrid.setItems(nodes.nodes());
  }
}
