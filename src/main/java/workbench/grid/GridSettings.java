package workbench.grid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Grid limits, bound from {@code workbench.grid.*}.
 *
 * @param maxCells the most cells one experiment may have
 * @param maxPixels cells × final image pixels, the size cap checked before anything runs
 * @param batchSize cells that go through the networks together
 */
@ConfigurationProperties("workbench.grid")
public record GridSettings(
    @DefaultValue("256") int maxCells,
    @DefaultValue("16777216") long maxPixels,
    @DefaultValue("8") int batchSize) {}
