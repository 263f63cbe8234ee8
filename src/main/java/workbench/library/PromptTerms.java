package workbench.library;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import workbench.prompt.Dialect;
import workbench.prompt.PromptJson;
import workbench.prompt.PromptParser;
import workbench.prompt.PromptSyntaxException;

/**
 * The parse stored next to each version's raw text, so grids and generation use the terms
 * without parsing again. Saving from the UI needs a text that parses; imported texts are kept
 * as they were even when they do not (their parse is then empty, to be fixed by editing).
 */
@Component
class PromptTerms {

  record Parsed(@Nullable String dialect, @Nullable String termsJson) {}

  /** Parses or refuses with the column of the error, naming the field "text". */
  Parsed parseStrict(String text, String dialectId) {
    try {
      return parse(text, dialectId);
    } catch (PromptSyntaxException e) {
      throw new LibraryInputException("text", "Prompt: " + e.messageWithColumn(), e);
    } catch (IllegalArgumentException e) {
      throw new LibraryInputException("dialect", e.getMessage());
    }
  }

  /** Parses when it can; a text that does not parse gets an empty parse. */
  Parsed parseLenient(String text, String dialectId) {
    try {
      return parse(text, dialectId);
    } catch (IllegalArgumentException e) {
      return new Parsed(null, null);
    }
  }

  private Parsed parse(String text, String dialectId) {
    if (text.isBlank()) {
      return new Parsed(null, null); // a style with only a negative prompt
    }
    var prompt =
        dialectId.isBlank() ? PromptParser.parse(text) : PromptParser.parse(text, Dialect.fromId(dialectId));
    return new Parsed(prompt.dialect().id(), PromptJson.write(prompt));
  }
}
