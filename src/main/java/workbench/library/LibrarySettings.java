package workbench.library;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Library settings, bound from {@code workbench.library.*}. (Versions record the signed-in
 * user as their author.)
 *
 * @param maxImportSize the largest JSON or CSV file an import reads
 */
@ConfigurationProperties("workbench.library")
public record LibrarySettings(@DefaultValue("5MB") DataSize maxImportSize) {}
