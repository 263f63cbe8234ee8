package workbench.library;

import java.util.List;

/**
 * What a person typed for a prompt: saved as is, or refused with the reason.
 *
 * @param dialect the prompt dialect id the text is written in ({@code midjourney},
 *     {@code a1111}, {@code compel}), or empty to detect it from the text
 */
public record PromptDraft(
    String title, String text, String negativeText, List<String> tags, String notes, String dialect) {

  public PromptDraft {
    tags = List.copyOf(tags);
  }

  public PromptDraft(String title, String text, String negativeText, List<String> tags, String notes) {
    this(title, text, negativeText, tags, notes, "");
  }

  public static PromptDraft of(String title, String text) {
    return new PromptDraft(title, text, "", List.of(), "");
  }
}
