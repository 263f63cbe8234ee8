package workbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The main flows of the workbench in real Chromium against the packaged app: a library and a
 * prompt, an image and the gallery, a run's loop scrubbed by keys and put on a wiki page, a
 * grid with its verdict and export, signing out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MainFlowsE2E {

  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  @Order(0)
  void signIn() throws Exception {
    browser.step("sign-in", browser::signIn);
  }

  @Test
  @Order(1)
  void createALibraryAndAPromptAndEditItsWeights() throws Exception {
    browser.step("libraries", () -> browser.open(""));
    browser.step("new-library", () -> {
      browser.click("#new-library");
      browser.type("#library-name input", "E2E hands");
      browser.click("#save-library");
      browser.awaitText("vaadin-grid-cell-content", "E2E hands", Duration.ofSeconds(20));
    });
    browser.step("open-library", () -> {
      browser.all("vaadin-grid-cell-content").stream()
          .filter(e -> e.getText().equals("E2E hands")).findFirst().orElseThrow().click();
      browser.find("#new-prompt");
    });
    browser.step("new-prompt", () -> {
      browser.click("#new-prompt");
      browser.type("#prompt-title input", "five fingers");
      browser.type("#prompt-text textarea", "a hand:: five fingers::");
      browser.click("#create-prompt");
      browser.find(".prompt-chip");
    });
    browser.step("edit-weight", () -> {
      var weight = browser.all(".prompt-chip-weight input").get(1);
      weight.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2", Keys.TAB);
      browser.awaitIdle();
      browser.awaitText(".prompt-text textarea", "five fingers::2", Duration.ofSeconds(10));
      browser.click("#save");
      browser.awaitText("#versions vaadin-grid-cell-content", "five fingers::2", Duration.ofSeconds(10));
    });
  }

  @Test
  @Order(2)
  void generateAnImageAndFindItInTheGallery() throws Exception {
    browser.step("generate-page", () -> browser.open("generate"));
    browser.step("generate", () -> {
      browser.type(".generate-view .prompt-text textarea", "red apple:: table::0.5");
      browser.type("#seed input", "42");
      browser.type("#steps input", "10");
      browser.click("#generate");
      browser.find("#run-progress");
    });
    browser.step("generated", () -> {
      browser.awaitText("#run-result", "apple", Duration.ofMinutes(3));
      assertThat(browser.all("#run-result img")).isNotEmpty();
    });
    browser.step("gallery", () -> {
      browser.open("gallery");
      browser.type("#filter-term input", "apple");
      browser.awaitText("#gallery-count", "1", Duration.ofSeconds(20));
    });
  }

  @Test
  @Order(3)
  void scrubTheRunsLoopByKeysAndPutItOnAWikiPage() throws Exception {
    browser.step("run-page", () -> {
      // The run made above, from the gallery's filtered list (a double click opens its page).
      var row = browser.all("vaadin-grid-cell-content").stream().filter(e -> e.getText().contains("apple")).findFirst().orElseThrow();
      new Actions(browser.driver).doubleClick(row).perform();
      browser.awaitIdle();
      browser.awaitText("#scrubber-step", "step 0 of 10: the starting seed image", Duration.ofSeconds(30));
      assertThat(marker()).isEqualTo("0");
    });
    var static0 = browser.find("#scrubber-image").getDomAttribute("src");
    browser.step("scrubber-end", () -> {
      // Keys go to the scrubber once it has focus, as after a click or a Tab into it.
      scrubberKey(Keys.END);
      browser.awaitText("#scrubber-step", "step 10 of 10: image done", Duration.ofSeconds(10));
      assertThat(marker()).isEqualTo("10");
      assertThat(browser.find("#scrubber-image").getDomAttribute("src")).as("the image done is not the static").isNotEqualTo(static0);
      assertThat(browser.find("#step-slider").getDomProperty("value")).isEqualTo("2");
    });
    browser.step("scrubber-left", () -> {
      scrubberKey(Keys.ARROW_LEFT);
      browser.awaitText("#scrubber-step", "step 5 of 10", Duration.ofSeconds(10));
      assertThat(marker()).isEqualTo("5");
      assertThat(browser.find("#scrubber-scores").getText()).contains("combined").contains("red apple").contains("table");
    });
    browser.step("scrubber-home-right", () -> {
      scrubberKey(Keys.HOME);
      browser.awaitText("#scrubber-step", "step 0 of 10", Duration.ofSeconds(10));
      assertThat(browser.find("#scrubber-image").getDomAttribute("src")).isEqualTo(static0);
      scrubberKey(Keys.ARROW_RIGHT);
      browser.awaitText("#scrubber-step", "step 5 of 10", Duration.ofSeconds(10));
      scrubberKey(Keys.ARROW_LEFT);
      scrubberKey(Keys.ARROW_LEFT); // already at the first: stays
      browser.awaitText("#scrubber-step", "step 0 of 10", Duration.ofSeconds(10));
      assertThat(marker()).isEqualTo("0");
    });
    browser.step("filmstrip-download", () -> {
      // The filmstrip link serves a PNG to this signed-in browser.
      var href = browser.find("#export-filmstrip").getDomProperty("href");
      var answer = (String) ((JavascriptExecutor) browser.driver).executeAsyncScript(
          "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.arrayBuffer().then(b =>"
              + " done(r.status + ' ' + r.headers.get('content-type') + ' ' + new Uint8Array(b).slice(1, 4).reduce((s, c) =>"
              + " s + String.fromCharCode(c), '')))).catch(e => done('error ' + e));", href);
      assertThat(answer).isEqualTo("200 image/png PNG");
    });
    browser.step("wiki-snippet", () -> {
      // The second click: the snippet to paste, naming the files the links download.
      browser.click("#export-snippet");
      browser.awaitText("#snippet-wikitext textarea", "[[File:", Duration.ofSeconds(10));
      var wikitext = browser.textOf(browser.find("#snippet-wikitext textarea"));
      assertThat(wikitext).contains("-filmstrip.png|thumb").contains("-loop.gif|thumb").contains("starting seed image");
      assertThat(browser.textOf(browser.find("#snippet-markdown textarea"))).contains("-filmstrip.png)");
    });
  }

  /** The step the score chart marks, as drawn in the browser. */
  private static String marker() {
    return (String) ((JavascriptExecutor) browser.driver).executeScript(
        "const m = document.querySelector('line.marker'); return m ? m.getAttribute('data-step') : null;");
  }

  private static void scrubberKey(CharSequence key) {
    ((JavascriptExecutor) browser.driver).executeScript(
        "const s = document.getElementById('step-scrubber'); s.scrollIntoView({block:'center'});"
            + " if (!s.contains(document.activeElement)) s.focus();");
    new Actions(browser.driver).sendKeys(key).perform();
    browser.awaitIdle();
  }

  @Test
  @Order(4)
  void runATwoByTwoGridSeeTheVerdictAndExportWikitext() throws Exception {
    browser.step("grids", () -> browser.open("grids"));
    browser.step("define-grid", () -> {
      browser.click("#new-grid");
      browser.type("#grid-title input", "E2E five fingers");
      var editors = browser.all(".grid-variant .prompt-text textarea");
      editors.get(0).sendKeys("a hand with five fingers", Keys.TAB);
      editors.get(1).sendKeys("a hand, five fingers, detailed fingers", Keys.TAB);
      browser.awaitIdle();
      browser.type("#seed-count input", "2");
      browser.type("#grid-steps input", "4");
      browser.type("#probes input", "hand");
      browser.click("#create-grid");
      browser.find("#run-grid");
    });
    browser.step("grid-run", () -> {
      browser.click("#run-grid");
      browser.awaitText(".verdict-text", "for 'hand'", Duration.ofMinutes(4));
      // The last cell's score may reach the page a push after the verdict: wait for it, then check.
      org.awaitility.Awaitility.await("four cell scores").atMost(Duration.ofSeconds(30)).pollInSameThread()
          .until(() -> browser.all(".grid-cell-score").size() >= 4);
      assertThat(browser.all(".grid-cell-score")).hasSize(4);
    });
    browser.step("wikitext", () -> {
      var export = browser.all("vaadin-details").stream().filter(d -> d.getText().startsWith("Export")).findFirst().orElseThrow();
      // Open the Export section as a person does, by its summary (scrolled into view first).
      ((JavascriptExecutor) browser.driver).executeScript(
          "arguments[0].scrollIntoView({block:'center'}); arguments[0].querySelector('vaadin-details-summary').click();", export);
      browser.awaitIdle();
      browser.awaitText("#wikitext textarea", "{| class=\"wikitable\"", Duration.ofSeconds(10));
    });
  }

  @Test
  @Order(5)
  void signOut() throws Exception {
    browser.step("sign-out", () -> {
      browser.click("#sign-out");
      new WebDriverWait(browser.driver, Duration.ofSeconds(20))
          .until(d -> d.getCurrentUrl().contains("/login"));
      browser.open("gallery");
      new WebDriverWait(browser.driver, Duration.ofSeconds(20))
          .until(d -> d.getCurrentUrl().contains("/login"));
    });
  }
}
