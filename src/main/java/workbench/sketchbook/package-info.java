/** The Sketchbook: a deterministic procedural world of simple scenes and their captions. Pure Java. */
@NullMarked
package workbench.sketchbook;

import org.jspecify.annotations.NullMarked;
