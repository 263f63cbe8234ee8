package workbench.run;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often a run keeps a snapshot of its image, bound from {@code workbench.snapshots.*}.
 * Step 0 (the static) and the run's last step are always kept, so every journey starts at the
 * static and ends at image done; the README gives the storage this costs.
 *
 * @param every keep the image every this many steps (1 = every step)
 */
@ConfigurationProperties("workbench.snapshots")
public record SnapshotSettings(@DefaultValue("5") int every) {

  public SnapshotSettings {
    if (every < 1) {
      throw new IllegalArgumentException("workbench.snapshots.every must be 1 or more (steps between snapshots); got " + every);
    }
  }

  /** Whether step {@code step} of a run of {@code steps} steps is kept. */
  public boolean keeps(int step, int steps) {
    return step == 0 || step % every == 0 || step == steps;
  }
}
