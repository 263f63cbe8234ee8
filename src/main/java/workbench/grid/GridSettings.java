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
   * Eight cells (32 checker views) per batch: on 2 CPU cores it ran a 4×4 grid faster than 16
   * at once or 4 (1.8 s against 2.1 and 2.2 s, the activations of 16 no longer stay in cache);
   * after later speed-ups the three are within this machine's noise. {@code bench --grid-batch}
   * measures another size.
   */
  public static final int DEFAULT_BATCH_SIZE = 8;
}
