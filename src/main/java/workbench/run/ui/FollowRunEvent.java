package workbench.run.ui;

import com.vaadin.flow.component.ComponentEvent;
import java.util.UUID;

/** The user picked a run in the queue panel to follow on the page. */
public class FollowRunEvent extends ComponentEvent<QueuePanel> {

  private final UUID runId;

  public FollowRunEvent(QueuePanel source, UUID runId) {
    super(source, true);
    this.runId = runId;
  }

  public UUID runId() {
    return runId;
  }
}
