package workbench.gallery;

import java.time.Instant;
import java.util.UUID;
import workbench.run.RunStatus;

/**
 * A run in the gallery list: what a row shows, with the small RAW image as its thumbnail
 * (never the full PNG in a list).
 */
public record GalleryItem(
    UUID runId,
    String prompt,
    long seed,
    String process,
    String modelId,
    RunStatus status,
    double score,
    Instant createdAt,
    boolean starred,
    byte[] thumbnailPng) {}
