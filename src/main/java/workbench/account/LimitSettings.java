package workbench.account;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-user limits that keep a shared server usable, bound from {@code workbench.limits.*}.
 * (Grid size, upload and import limits keep their settings in their features; the README
 * lists all of them.) The messages name the setting, so an admin knows what to raise.
 *
 * @param maxQueuedJobs jobs (a single run, or a batch of grid cells) one user may have queued
 *     or running at once
 * @param maxPromptLength characters of one prompt (the Generate page, grid rows, library versions)
 */
@ConfigurationProperties("workbench.limits")
public record LimitSettings(@DefaultValue("20") int maxQueuedJobs, @DefaultValue("2000") int maxPromptLength) {

  /** Empty when {@code prompt} fits; otherwise the message. */
  public Optional<String> promptTooLong(String prompt) {
    if (prompt.length() <= maxPromptLength) {
      return Optional.empty();
    }
    return Optional.of("The prompt is " + prompt.length() + " characters; the limit is " + maxPromptLength
        + " (setting workbench.limits.max-prompt-length)");
  }

  /** Empty when {@code adding} more jobs fit beside {@code active}; otherwise the message. */
  public Optional<String> queueFull(long active, int adding) {
    if (active + adding <= maxQueuedJobs) {
      return Optional.empty();
    }
    return Optional.of("You have " + active + " jobs queued or running and this needs " + adding
        + " more; the limit is " + maxQueuedJobs + " per user (setting workbench.limits.max-queued-jobs)."
        + " Wait for some to finish, or cancel some.");
  }
}
