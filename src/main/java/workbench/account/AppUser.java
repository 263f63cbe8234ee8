package workbench.account;

import java.time.Instant;

/** A user as callers see it (never the password hash). */
public record AppUser(long id, String username, Role role, boolean enabled, Instant createdAt) {}
