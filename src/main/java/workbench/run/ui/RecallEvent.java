package workbench.run.ui;

import com.vaadin.flow.component.ComponentEvent;

/** A PNG was dropped on the form to fill it with the recipe it carries. */
public class RecallEvent extends ComponentEvent<GenerateForm> {

  private final String fileName;
  private final byte[] png;

  public RecallEvent(GenerateForm source, String fileName, byte[] png) {
    super(source, true);
    this.fileName = fileName;
    this.png = png;
  }

  public String fileName() {
    return fileName;
  }

  public byte[] png() {
    return png;
  }
}
