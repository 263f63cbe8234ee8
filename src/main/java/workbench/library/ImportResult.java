package workbench.library;

/** A finished import: the new library, what it holds, and whether its name had to change. */
public record ImportResult(Library library, int prompts, int versions, boolean renamed) {}
