package workbench.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import workbench.grid.export.MarkdownExport;
import workbench.grid.export.WikitextExport;
import workbench.run.RunStatus;

/**
 * Issue 16: the exports are pasted into wikis and READMEs, so user text in them (titles,
 * labels, prompts, probes, verdicts) must come out as text in the target's renderer. Markdown
 * is rendered with Debian's pandoc (GitHub-flavoured and pandoc's own Markdown); MediaWiki's
 * parser cannot run here (PHP), so wikitext is held to exact escaped strings (and checked by
 * hand in a MediaWiki: see README, "Exports").
 */
class ExportEscapingTest {

  static final String TITLE = "<script>alert(1)</script> ''shiny'' [[Main Page]] {{Delete}} ~~~~ http://evil.example";
  static final String LABEL_A = "<img src=x onerror=alert(1)> A !! B || C";
  static final String PROMPT_A = "<lora:add_detail:0.6> ''shiny'' </code><b>bold</b> [http://evil.example x] a | b \\| c";
  static final String LABEL_B = "*starred";
  static final String PROMPT_B = "#hashed :colon ;semi {{!}} __NOTOC__ javascript:alert(1) `tick` **bold** [link](http://x.example)";
  static final String PROBE = "<img src=y onerror=alert(2)>";
  static final List<Long> SEEDS = List.of(1L, 2L, 3L);

  /** A finished 2 × 3 grid whose every user text is hostile; B beats A on the probe. */
  static ExperimentResult hostile() {
    var d = new ExperimentDefinition(TITLE, "notes",
        List.of(ExperimentDefinition.Variant.typed(LABEL_A, PROMPT_A), ExperimentDefinition.Variant.typed(LABEL_B, PROMPT_B)),
        SEEDS, List.of(PROBE), ExperimentDefinition.Axis.none(), 40, "guided", 4);
    var experiment = new Experiment(UUID.randomUUID(), d, Instant.parse("2026-12-02T12:00:00Z"));
    var cells = new ArrayList<ExperimentResult.Cell>();
    for (int r = 0; r < 2; r++) {
      for (int s = 0; s < SEEDS.size(); s++) {
        cells.add(new ExperimentResult.Cell(r, s, 0, SEEDS.get(s), Optional.of(UUID.randomUUID()),
            Optional.of(RunStatus.DONE), Optional.of(40.0 + r + s), Map.of(PROBE, 30.0 + s + 5 * r)));
      }
    }
    var partial = new ExperimentResult(experiment, cells, List.of(PROBE), List.of(), List.of());
    return new ExperimentResult(experiment, cells, List.of(PROBE),
        GridAnalysis.summaries(partial), GridAnalysis.comparisons(partial));
  }

  @Test
  void markdownKeepsEveryUserTextAsTextInGitHubFlavouredMarkdown() throws Exception {
    assertRendersAsText(pandoc(MarkdownExport.of(hostile()), "gfm"));
  }

  @Test
  void markdownKeepsEveryUserTextAsTextInPandocsMarkdown() throws Exception {
    assertRendersAsText(pandoc(MarkdownExport.of(hostile()), "markdown"));
  }

  private static void assertRendersAsText(String rendered) {
    var html = rendered.replaceAll("\\s+", " "); // pandoc wraps lines
    // Only the tags the export itself writes: no script, no link, no image but the cells'.
    var tags = Pattern.compile("<\\s*/?\\s*([a-zA-Z0-9]+)").matcher(html).results().map(m -> m.group(1).toLowerCase())
        .collect(Collectors.toSet());
    assertThat(tags).as("tags in\n" + html).isSubsetOf(Set.of("h2", "h3", "p", "em", "strong", "table", "thead", "tbody",
        "tr", "th", "td", "br", "code", "img", "ul", "li", "colgroup", "col"));
    assertThat(html).doesNotContainPattern("<[^>]*onerror").doesNotContain("href");
    assertThat(Pattern.compile("<img [^>]*>").matcher(html).results().map(m -> m.group())
        .filter(img -> !img.matches("<img src=\"[a-z0-9-]+-r\\d-s\\d\\.png\" alt=\"seed \\d\"\\s*/?>")))
        .as("images other than the cells'").isEmpty();
    // The hostile texts come out as text: their markup escaped, nothing lost.
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&lt;img src=x onerror=alert(1)&gt; A !! B || C")
        .contains("&lt;lora:add_detail:0.6&gt;")
        .contains("&lt;/code&gt;&lt;b&gt;bold&lt;/b&gt; [http://evil.example x] a | b \\| c")
        .contains("**bold** [link](http://x.example)")
        .contains("*starred");
    // Two variant rows of 1 + seeds + 1 cells, under one header row.
    var rows = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(html).results().map(m -> m.group(1)).toList();
    assertThat(rows).hasSize(3);
    rows.forEach(row -> assertThat(Pattern.compile("<t[dh][ >]").matcher(row).results().count())
        .as("cells of " + row).isEqualTo(1 + SEEDS.size() + 1));
  }

  @Test
  void wikitextEscapesEveryMarkupInUserText() {
    var text = WikitextExport.of(hostile());
    assertThat(text).startsWith("== &lt;script&gt;alert(1)&lt;/script&gt; &#39;&#39;shiny&#39;&#39; &#91;&#91;Main Page&#93;&#93;"
        + " &#123;&#123;Delete&#125;&#125; &#126;&#126;&#126;&#126; http&#58;//evil.example ==\n");
    assertThat(text).contains("\n! &lt;img src&#61;x onerror&#61;alert(1)&gt; A &#33;&#33; B &#124;&#124; C<br/><code>"
        + "&lt;lora&#58;add&#95;detail&#58;0.6&gt; &#39;&#39;shiny&#39;&#39; &lt;/code&gt;&lt;b&gt;bold&lt;/b&gt;"
        + " &#91;http&#58;//evil.example x&#93; a &#124; b \\&#124; c</code>\n");
    assertThat(text).contains("\n! &#42;starred<br/><code>&#35;hashed &#58;colon ;semi &#123;&#123;&#33;&#125;&#125;"
        + " &#95;&#95;NOTOC&#95;&#95; javascript&#58;alert(1) `tick` **bold** &#91;link&#93;(http&#58;//x.example)</code>\n");
    // What is left is the export's own markup: one header line with its "!!" separators, and
    // no link, template, signature, italics or tag that came from the user.
    var own = text.replaceAll("\\[\\[File:[a-z0-9-]+-r\\d-s\\d\\.png\\|128px]]", "")
        .replace("<br/><code>", "").replace("</code>\n", "\n").replace("<br/>", "")
        .replace("'''Verdict'''", "").replaceAll("(?m)^''(.*)''$", "$1");
    for (var markup : List.of("[", "]", "{{", "}}", "~~~", "''", "<", ">", "||", "__", "http:", "javascript:")) {
      assertThat(own).as("markup %s outside the export's own", markup).doesNotContain(markup);
    }
    assertThat(own.lines().filter(l -> l.contains("!!")).toList()).singleElement()
        .satisfies(header -> assertThat(header.split("!!")).hasSize(1 + SEEDS.size() + 1));
    assertThat(text).contains("\n* &#42;starred beats &lt;img src&#61;x onerror&#61;alert(1)&gt; A &#33;&#33; B")
        .contains("&#39;&lt;img src&#61;y onerror&#61;alert(2)&gt;&#39;");
  }

  /** Renders Markdown to HTML with Debian's pandoc; fails, saying how to get it, if it is missing. */
  static String pandoc(String markdown, String from) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder("pandoc", "-f", from, "-t", "html").redirectErrorStream(true).start();
    } catch (IOException e) {
      return fail("pandoc is needed to check the Markdown export (Debian: apt-get install pandoc; .ci/run installs it): "
          + e.getMessage());
    }
    try (var in = process.getOutputStream()) {
      in.write(markdown.getBytes(StandardCharsets.UTF_8));
    }
    var html = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("pandoc: " + html).isZero();
    return html;
  }
}
