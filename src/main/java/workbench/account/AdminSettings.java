package workbench.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin, bound from {@code workbench.admin.*}: used once, when the user table is
 * empty. Without a password a random one is generated and logged once.
 */
@ConfigurationProperties("workbench.admin")
public record AdminSettings(@DefaultValue("admin") String username, @DefaultValue("") String password) {}
