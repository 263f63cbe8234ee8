/** Weighted-prompt language: terms, dialect parsers and renderers, syntax errors. Pure Java, depends on nothing else. */
@NullMarked
package workbench.prompt;

import org.jspecify.annotations.NullMarked;
