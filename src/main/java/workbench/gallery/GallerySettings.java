package workbench.gallery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Gallery settings, bound from {@code workbench.gallery.*} (the recall's limits under the same
 * prefix are {@code workbench.run.RecallSettings}).
 *
 * @param pageSize rows fetched per database page by lists
 */
@ConfigurationProperties("workbench.gallery")
public record GallerySettings(@DefaultValue("50") int pageSize) {}
