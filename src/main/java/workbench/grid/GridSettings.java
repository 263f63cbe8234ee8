package workbench.grid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Grid limits, bound from {@code workbench.grid.*}.
 *
 * @param maxCells the most cells one experiment may have
 * @param maxPixels cells × final image pixels, the size cap checked before anything runs
 * @param batchSize cells that go through the networks together (one job each)
 */
@ConfigurationProperties("workbench.grid")
public record GridSettings(
    @DefaultValue("256") int maxCells,
    @DefaultValue("16777216") long maxPixels,
    @DefaultValue("" + GridSettings.DEFAULT_BATCH_SIZE) int batchSize) {

  /**
   * Sixteen cells (64 checker views) per batch, a 4×4 grid at once. On 2 CPU cores, with the
   * networks channels last and malloc keeping freed memory, {@code bench} ran a 4×4 grid ~2× faster
   * than one by one in batches of 8 and ~2.5× in one batch of 16 (earlier, before those changes,
   * 16 had been slower than 8). On a cluster, a smaller batch spreads one grid over more worker
   * nodes; {@code bench --grid-batch} measures another size.
   */
  public static final int DEFAULT_BATCH_SIZE = 16;
}
