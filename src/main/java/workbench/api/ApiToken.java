package workbench.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Optional;

/** One of a user's API tokens as listed: never the token itself, only its first characters. */
public record ApiToken(
    long id,
    @Schema(example = "laptop script") String name,
    @Schema(description = "The token's first characters, to tell tokens apart", example = "pwb_Xy3kQ9aB") String prefix,
    Instant createdAt,
    @Schema(description = "Last request made with it (to the minute); absent if never used") Optional<Instant> lastUsedAt,
    @Schema(description = "When it was revoked; absent while it works") Optional<Instant> revokedAt) {

  public boolean active() {
    return revokedAt.isEmpty();
  }
}
