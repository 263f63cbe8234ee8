package workbench.library;

import java.time.Instant;

/**
 * One saved text of a prompt; immutable. {@code dialect} and {@code termsJson} are the parse
 * of {@code text} when it was saved, empty when the text did not parse.
 */
public record PromptVersion(
    long id,
    long promptId,
    int number,
    String text,
    String negativeText,
    String dialect,
    String termsJson,
    String author,
    Instant createdAt) {}
