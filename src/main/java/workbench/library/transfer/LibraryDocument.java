package workbench.library.transfer;

import java.time.Instant;
import java.util.List;

/**
 * A library as a file: everything people made (prompts, every version, tags, notes), without
 * database ids, so exporting and importing gives the same content.
 */
public record LibraryDocument(
    String format, int formatVersion, String name, String description, List<PromptDocument> prompts) {

  public static final String FORMAT = "prompt-workbench-library";
  public static final int VERSION = 1;

  public LibraryDocument {
    prompts = List.copyOf(prompts);
  }

  public record PromptDocument(
      String title, List<String> tags, String notes, List<VersionDocument> versions) {
    public PromptDocument {
      tags = List.copyOf(tags);
      versions = List.copyOf(versions);
    }
  }

  public record VersionDocument(
      int number,
      String text,
      String negativeText,
      String dialect,
      String termsJson,
      String author,
      Instant createdAt) {}
}
