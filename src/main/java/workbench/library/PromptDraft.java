package workbench.library;

import java.util.List;

/** What a person typed for a prompt: saved as is, or refused with the reason. */
public record PromptDraft(
    String title, String text, String negativeText, List<String> tags, String notes) {

  public PromptDraft {
    tags = List.copyOf(tags);
  }

  public static PromptDraft of(String title, String text) {
    return new PromptDraft(title, text, "", List.of(), "");
  }
}
