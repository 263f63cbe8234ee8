package workbench.gallery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Gallery settings, bound from {@code workbench.gallery.*}.
 *
 * @param maxUploadSize the largest PNG a recall reads
 * @param maxUploadPixels the most pixels (width × height, from IHDR) a recalled PNG may have
 * @param pageSize rows fetched per database page by lists
 */
@ConfigurationProperties("workbench.gallery")
public record GallerySettings(
    @DefaultValue("10MB") DataSize maxUploadSize,
    @DefaultValue("16777216") long maxUploadPixels,
    @DefaultValue("50") int pageSize) {}
