/**
 * The weighted-prompt editor: one reusable component (text with live parsing, a chip per term
 * with its weight, a bar of normalised weights, inline errors, dialect translation) that the
 * generate, grid and library pages embed.
 */
@NamedInterface("prompt-editor")
@NullMarked
package workbench.ui.prompt;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
