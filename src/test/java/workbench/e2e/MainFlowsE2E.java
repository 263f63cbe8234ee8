package workbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The main flows of the workbench in real Chromium against the packaged app. */
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
      weight.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "2", org.openqa.selenium.Keys.TAB);
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
  void runATwoByTwoGridSeeTheVerdictAndExportWikitext() throws Exception {
    browser.step("grids", () -> browser.open("grids"));
    browser.step("define-grid", () -> {
      browser.click("#new-grid");
      browser.type("#grid-title input", "E2E five fingers");
      var editors = browser.all(".grid-variant .prompt-text textarea");
      editors.get(0).sendKeys("a hand with five fingers", org.openqa.selenium.Keys.TAB);
      editors.get(1).sendKeys("a hand, five fingers, detailed fingers", org.openqa.selenium.Keys.TAB);
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
      assertThat(browser.all(".grid-cell-score")).hasSize(4);
    });
    browser.step("wikitext", () -> {
      var export = browser.all("vaadin-details").stream().filter(d -> d.getText().startsWith("Export")).findFirst().orElseThrow();
      // Open the Export section as a person does, by its summary (scrolled into view first).
      ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
          "arguments[0].scrollIntoView({block:'center'}); arguments[0].querySelector('vaadin-details-summary').click();", export);
      browser.awaitIdle();
      browser.awaitText("#wikitext textarea", "{| class=\"wikitable\"", Duration.ofSeconds(10));
    });
  }

  @Test
  @Order(4)
  void signOut() throws Exception {
    browser.step("sign-out", () -> {
      browser.click("#sign-out");
      new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(20))
          .until(d -> d.getCurrentUrl().contains("/login"));
      browser.open("gallery");
      new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(20))
          .until(d -> d.getCurrentUrl().contains("/login"));
    });
  }
}
