package workbench.library;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The parse stored next to each version's raw text, so grids and generation can use the
 * terms without parsing again. A text that does not parse is still saved as typed; its parse
 * is then empty.
 */
@Component
class PromptTerms {

  record Parsed(@Nullable String dialect, @Nullable String termsJson) {}

  Parsed parse(String text) {
    return new Parsed(null, null);
  }
}
