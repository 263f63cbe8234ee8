package workbench.node;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by every feature, bound from {@code workbench.*}.
 *
 * @param dataDir where the workbench keeps its own files; the embedded PostgreSQL lives in
 *     {@code dataDir/postgres}
 * @param role what this instance does in a team deployment: {@code all}, {@code ui} or
 *     {@code worker}
 */
@ConfigurationProperties("workbench")
public record WorkbenchSettings(@DefaultValue("./data") Path dataDir, @DefaultValue("all") NodeRole role) {}
