/** Command-line entry: parse, generate, train, eval, bench; runs without the web server. */
@NullMarked
package workbench.cli;

import org.jspecify.annotations.NullMarked;
