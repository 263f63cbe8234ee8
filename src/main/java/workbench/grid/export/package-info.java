/** Grid exports: MediaWiki wikitext, Markdown, the labelled contact sheet, the ZIP, the JSON. */
@NamedInterface("export")
@NullMarked
package workbench.grid.export;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
