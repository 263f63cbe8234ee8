package workbench.library;

import java.time.Instant;

/** A library as callers see it. */
public record Library(
    long id, String name, String description, boolean archived, long promptCount, Instant updatedAt) {}
