package workbench;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The module layout, checked by Spring Modulith: every top-level package under {@code workbench}
 * is a module whose own package is its API (sub-packages are internal unless a
 * {@code package-info.java} names them an interface with {@code @NamedInterface}), no module
 * reaches into another's internals, the module graph has no cycle, and a module that lists its
 * {@code allowedDependencies} in {@code @ApplicationModule} uses nothing else.
 */
class ModularityTest {

  static final ApplicationModules MODULES = ApplicationModules.of(Application.class);

  @Test
  void modulesFollowTheLayout() {
    MODULES.verify();
  }
}
