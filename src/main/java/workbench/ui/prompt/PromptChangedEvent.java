package workbench.ui.prompt;

import com.vaadin.flow.component.ComponentEvent;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import workbench.prompt.Dialect;
import workbench.prompt.WeightedPrompt;

/**
 * The editor's text changed (typed, a weight moved, or translated): the text as it stands, and
 * its parse when it has one. A class rather than a record because Vaadin events must extend
 * {@link ComponentEvent}.
 */
public class PromptChangedEvent extends ComponentEvent<WeightedPromptEditor> {

  private final String text;
  private final Dialect dialect;
  private final @Nullable WeightedPrompt prompt;

  PromptChangedEvent(WeightedPromptEditor source, boolean fromClient, String text, Dialect dialect,
      @Nullable WeightedPrompt prompt) {
    super(source, fromClient);
    this.text = text;
    this.dialect = dialect;
    this.prompt = prompt;
  }

  public String text() {
    return text;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Empty while the text has a syntax error or is blank. */
  public Optional<WeightedPrompt> prompt() {
    return Optional.ofNullable(prompt);
  }
}
