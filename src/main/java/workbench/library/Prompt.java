package workbench.library;

import java.util.List;

/** A prompt with its whole history, oldest version first (never empty). */
public record Prompt(
    long id,
    long libraryId,
    String libraryName,
    String title,
    List<String> tags,
    String notes,
    List<PromptVersion> versions) {

  public PromptVersion latest() {
    return versions.get(versions.size() - 1);
  }

  public PromptVersion version(int number) {
    return versions.stream()
        .filter(v -> v.number() == number)
        .findFirst()
        .orElseThrow(() -> new NotFoundException("version " + number + " of prompt '" + title + "'"));
  }
}
