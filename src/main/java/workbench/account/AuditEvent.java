package workbench.account;

import java.time.Instant;

/** One recorded change: who did what to which thing, and when. */
public record AuditEvent(
    long id, Instant at, String username, String action, String targetType, String targetId, String details) {}
