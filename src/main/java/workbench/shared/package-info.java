/**
 * The few small helpers several features need, written once: SHA-256 as hex, SQL LIKE
 * patterns, named daemon threads, the formats pages write times in. Plain Java, no Spring and
 * no feature: any package may use it, it uses none.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package workbench.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
