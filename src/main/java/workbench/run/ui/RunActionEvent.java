package workbench.run.ui;

import com.vaadin.flow.component.ComponentEvent;
import workbench.run.Run;

/** An action on a finished run that its page carries out (it owns the form and the queue). */
public class RunActionEvent extends ComponentEvent<RunResult> {

  public enum Action {
    RERUN,
    VARY_SEED
  }

  private final Action action;
  private final Run run;

  public RunActionEvent(RunResult source, Action action, Run run) {
    super(source, false);
    this.action = action;
    this.run = run;
  }

  public Action action() {
    return action;
  }

  public Run run() {
    return run;
  }
}
