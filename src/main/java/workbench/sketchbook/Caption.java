package workbench.sketchbook;

/**
 * A caption: its text, the claims it makes, and the wording seed that chose its phrasing (a hard
 * negative keeps the wording and changes one claim).
 */
public record Caption(String text, Description description, long wording) {}
