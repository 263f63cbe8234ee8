package workbench.library;

import java.time.Instant;
import java.util.List;

/** A prompt in a list: its latest text and how many versions it has. */
public record PromptSummary(
    long id,
    long libraryId,
    String libraryName,
    String title,
    List<String> tags,
    String latestText,
    int versionCount,
    Instant updatedAt) {}
