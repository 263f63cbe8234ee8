package workbench.api;

import org.springframework.stereotype.Component;
import workbench.library.LibraryService;
import workbench.library.PromptVersion;

/** A library prompt's version as the text of a run or a grid row (readable prompts only). */
@Component
class LibraryPrompts {

  private final LibraryService libraries;

  LibraryPrompts(LibraryService libraries) {
    this.libraries = libraries;
  }

  /** Version {@code version} of prompt {@code promptId}, its latest when {@code version} is 0. */
  PromptVersion version(long promptId, int version) {
    var prompt = libraries.prompt(promptId);
    return version == 0 ? prompt.latest() : prompt.version(version);
  }
}
