package workbench.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What a recall (a PNG dropped on the Generate page or posted to the API) may read, bound from
 * {@code workbench.gallery.*} as before the recall moved here from the gallery (the gallery's
 * own {@code pageSize} is in {@code GallerySettings} under the same prefix).
 *
 * @param maxUploadSize the largest PNG a recall reads
 * @param maxUploadPixels the most pixels (width × height, from IHDR) a recalled PNG may have
 * @param maxTextSize the most text a recalled PNG's text chunks may hold, unpacked, all together
 * @param maxReadTime the longest reading a recalled PNG's text may take
 */
@ConfigurationProperties("workbench.gallery")
public record RecallSettings(
    @DefaultValue("10MB") DataSize maxUploadSize,
    @DefaultValue("16777216") long maxUploadPixels,
    @DefaultValue("16MB") DataSize maxTextSize,
    @DefaultValue("5s") Duration maxReadTime) {}
