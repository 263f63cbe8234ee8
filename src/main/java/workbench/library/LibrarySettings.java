package workbench.library;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Library settings, bound from {@code workbench.library.*}.
 *
 * @param defaultAuthor recorded as the author of versions until accounts sign people in
 * @param maxImportSize the largest JSON or CSV file an import reads
 */
@ConfigurationProperties("workbench.library")
public record LibrarySettings(
    @DefaultValue("local") String defaultAuthor, @DefaultValue("5MB") DataSize maxImportSize) {}
