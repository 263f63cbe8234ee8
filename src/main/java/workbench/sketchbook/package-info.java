/** The Sketchbook: a deterministic procedural world of simple scenes and their captions. Pure Java. */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package workbench.sketchbook;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
