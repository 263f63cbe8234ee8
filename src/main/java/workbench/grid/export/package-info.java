/** Grid exports: MediaWiki wikitext, Markdown, the labelled contact sheet, the ZIP, the JSON. */
@NullMarked
package workbench.grid.export;

import org.jspecify.annotations.NullMarked;
