package workbench.run.ui;

import com.vaadin.flow.component.ComponentEvent;

/** The step scrubber now shows step {@code step}: its page marks it on the score chart. */
public class StepChosenEvent extends ComponentEvent<StepScrubber> {

  private final int step;

  public StepChosenEvent(StepScrubber source, int step) {
    super(source, false);
    this.step = step;
  }

  public int step() {
    return step;
  }
}
