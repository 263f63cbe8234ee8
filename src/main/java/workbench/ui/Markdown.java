package workbench.ui;

import com.vaadin.flow.component.Html;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Notes written in Markdown, rendered on the server by commonmark-java. Raw HTML in the
 * notes is escaped and link targets sanitised, so a note cannot inject script.
 */
public final class Markdown {

  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private Markdown() {}

  public static String toHtml(String markdown) {
    return RENDERER.render(PARSER.parse(markdown));
  }

  /** A component showing the rendered notes (Html needs one root element). */
  public static Html component(String markdown) {
    return new Html("<div class=\"markdown\">" + toHtml(markdown) + "</div>");
  }
}
