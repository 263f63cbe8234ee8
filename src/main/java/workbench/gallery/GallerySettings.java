package workbench.gallery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Gallery settings, bound from {@code workbench.gallery.*}.
 *
 * @param maxUploadSize the largest PNG a recall reads
 * @param maxUploadPixels the most pixels (width × height, from IHDR) a recalled PNG may have
 * @param pageSize rows fetched per database page by lists
 * @param maxTextSize the most text a recalled PNG's text chunks may hold, unpacked, all together
 * @param maxReadTime the longest reading a recalled PNG's text may take
 */
@ConfigurationProperties("workbench.gallery")
public record GallerySettings(
    @DefaultValue("10MB") DataSize maxUploadSize,
    @DefaultValue("16777216") long maxUploadPixels,
    @DefaultValue("50") int pageSize,
    @DefaultValue("16MB") DataSize maxTextSize,
    @DefaultValue("5s") Duration maxReadTime) {}
