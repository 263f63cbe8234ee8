package workbench.library;

/** What deleting a library takes with it, shown before the person confirms. */
public record DeletionImpact(String libraryName, long prompts, long versions) {}
