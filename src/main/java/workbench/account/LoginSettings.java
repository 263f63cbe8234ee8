package workbench.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in throttling, bound from {@code workbench.login.*}: after this many failed sign-ins
 * for one account, or from one address, signing in there is paused (the right password too)
 * until {@code pause} has passed since the last failure.
 *
 * @param maxFailuresPerAccount failed sign-ins of one user name that pause it
 * @param maxFailuresPerAddress failed sign-ins from one client address that pause it
 * @param pause how long after the last failure the pause lasts
 */
@ConfigurationProperties("workbench.login")
public record LoginSettings(
    @DefaultValue("5") int maxFailuresPerAccount,
    @DefaultValue("30") int maxFailuresPerAddress,
    @DefaultValue("15m") Duration pause) {}
