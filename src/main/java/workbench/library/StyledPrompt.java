package workbench.library;

/**
 * A prompt with an A1111 style applied ({@link LibraryService#applyStyle}): its text and negative
 * text, and the style's dialect (A1111 for an imported style; empty when it did not parse).
 */
public record StyledPrompt(String text, String negativeText, String dialect) {}
