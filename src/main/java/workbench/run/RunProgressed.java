package workbench.run;

import java.util.UUID;
import workbench.loop.TermScores;

/**
 * A step of a run: its scores and, every few steps, a preview PNG (empty bytes otherwise).
 * Published to listeners of {@link RunEvents}; views listen on attach and stop on detach.
 */
public record RunProgressed(UUID runId, int step, int steps, TermScores scores, byte[] previewPng, long elapsedMillis) {}
