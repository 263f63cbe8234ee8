package workbench.run.ui;

import com.vaadin.flow.component.ComponentEvent;
import workbench.loop.RecipeFactory;

/** The form asks for a run; {@code promptVersionId} is the library version it came from, 0 if typed. */
public class GenerateEvent extends ComponentEvent<GenerateForm> {

  private final RecipeFactory.Request request;
  private final long promptVersionId;

  public GenerateEvent(GenerateForm source, RecipeFactory.Request request, long promptVersionId) {
    super(source, true);
    this.request = request;
    this.promptVersionId = promptVersionId;
  }

  public RecipeFactory.Request request() {
    return request;
  }

  public long promptVersionId() {
    return promptVersionId;
  }
}
