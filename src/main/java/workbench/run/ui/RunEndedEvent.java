package workbench.run.ui;

import com.vaadin.flow.component.ComponentEvent;
import workbench.run.Run;

/** The followed run left the loop (done, cancelled or failed); {@code run} is as stored. */
public class RunEndedEvent extends ComponentEvent<RunMonitor> {

  private final Run run;

  public RunEndedEvent(RunMonitor source, Run run) {
    super(source, false);
    this.run = run;
  }

  public Run run() {
    return run;
  }
}
