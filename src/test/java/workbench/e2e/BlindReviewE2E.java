package workbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Blind review in real Chromium: the keyboard flow (1–5, y/n/u, ←/→, s, Backspace), the
 * progress bar, resuming after a reload, and — read off the wire through DevTools — that
 * nothing the server sends while reviewing carries a prompt, a variant label, a score or a
 * run id of the grid; and on a phone-sized screen the page fits and answers by touch. The grid and reviews are made through the REST API (the browser's
 * part is the reviewing).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BlindReviewE2E {

  /** Labels and prompts no page would say by chance, so finding one on the wire is a leak. */
  static final String LABEL_A = "baseline-wording-qx7";
  static final String LABEL_B = "variant-wording-zk9";
  static final String PROMPT_A = "a red apple on a table";
  static final String PROMPT_B = "two blue balls in the sky";

  static final ObjectMapper JSON = new ObjectMapper();
  static Browser browser;
  static HttpClient http = HttpClient.newHttpClient();
  static String token;
  static String gridId;
  /** Everything about the grid that must not reach a blind reviewer's browser. */
  static final List<String> secrets = new ArrayList<>();
  /**
   * Checker scores, in full and as the grid page prints them: looked for in Vaadin's own
   * messages (a short figure like "31.5" could turn up in a script by chance).
   */
  static final List<String> scores = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    browser = Browser.start();
    token = post("/api/v1/tokens", "{\"name\": \"e2e review\"}", basic()).path("token").asText();
    var grid = post("/api/v1/grids", JSON.writeValueAsString(Map.of(
        "title", "E2E blind review",
        "variants", List.of(Map.of("label", LABEL_A, "prompt", PROMPT_A), Map.of("label", LABEL_B, "prompt", PROMPT_B)),
        "seeds", List.of(7, 8), "steps", 4)), bearer());
    gridId = grid.path("id").asText();
    new WebDriverWait(browser.driver, Duration.ofMinutes(40), Duration.ofSeconds(5))
        .until(d -> get("/api/v1/grids/" + gridId).path("finished").asBoolean());
    var results = get("/api/v1/grids/" + gridId + "/results");
    assertThat(results.path("done").asInt()).as("finished cells").isEqualTo(4);
    secrets.addAll(List.of(LABEL_A, LABEL_B, PROMPT_A, PROMPT_B));
    for (var cell : results.path("cells")) {
      secrets.add(cell.path("runId").asText());
      double combined = cell.path("combined").asDouble();
      scores.add(cell.path("combined").asText()); // the full figure, as the API and grid JSON write it
      scores.add(String.format(Locale.ROOT, "%.1f", combined));
      scores.add(String.format(Locale.ROOT, "%.2f", combined));
    }
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
    Wire.read(browser.driver); // what the other pages sent is not the blind view's
  }

  @Test
  @Order(1)
  void scaleByKeysWithSkipBackAndResume() throws Exception {
    var review = review("scale");
    browser.step("scale-open", () -> {
      browser.open("reviews/" + review + "/blind");
      browser.awaitText("#review-where", "Item 1 of 4 · 0 answered", Duration.ofSeconds(60));
      assertThat(progress()).isEqualTo(0.0);
      assertThat(browser.all("img.review-image")).hasSize(1);
    });
    browser.step("scale-3", () -> {
      key("3");
      browser.awaitText("#review-where", "Item 2 of 4 · 1 answered", Duration.ofSeconds(60));
      assertThat(progress()).isEqualTo(0.25);
    });
    browser.step("scale-skip", () -> {
      key("s");
      browser.awaitText("#review-where", "Item 3 of 4 · 2 answered", Duration.ofSeconds(60));
    });
    browser.step("scale-5", () -> {
      key("5");
      browser.awaitText("#review-where", "Item 4 of 4 · 3 answered", Duration.ofSeconds(60));
    });
    // DevTools drops the bodies of a page's responses when the page is left: read them first.
    assertNothingSecretOnTheWire();
    browser.step("scale-resume", () -> {
      // A reload is a new visit: it opens where the reviewer left off, in the same order.
      browser.open("reviews/" + review + "/blind");
      browser.awaitText("#review-where", "Item 4 of 4 · 3 answered", Duration.ofSeconds(60));
      assertThat(progress()).isEqualTo(0.75);
    });
    browser.step("scale-back", () -> {
      key(Keys.BACK_SPACE);
      browser.awaitText("#review-where", "Item 3 of 4 · 3 answered · your answer: 5", Duration.ofSeconds(60));
    });
    browser.step("scale-change", () -> {
      key("1"); // replaces the 5, then goes on to the one still open
      browser.awaitText("#review-where", "Item 4 of 4 · 3 answered", Duration.ofSeconds(60));
    });
    browser.step("scale-done", () -> {
      key("4");
      browser.awaitText("#review-done", "All done", Duration.ofSeconds(60));
      assertThat(progress()).isEqualTo(1.0);
    });
    // The server kept exactly what the keys said: 3, skip, 1 (changed from 5) and 4.
    post("/api/v1/reviews/" + review + "/close", "", bearer());
    var results = get("/api/v1/reviews/" + review + "/results");
    var progress = results.path("reviewers").get(0);
    assertThat(progress.path("answered").asInt()).isEqualTo(3);
    assertThat(progress.path("skipped").asInt()).isEqualTo(1);
    double sum = 0;
    int n = 0;
    for (var rating : results.path("ratings")) {
      sum += rating.path("value").asDouble() * rating.path("answers").asInt();
      n += rating.path("answers").asInt();
    }
    assertThat(n).isEqualTo(3);
    assertThat(sum).isEqualTo(3 + 1 + 4);
    assertNothingSecretOnTheWire();
  }

  @Test
  @Order(2)
  void yesNoUnsureAndSkipByKeys() throws Exception {
    var review = review("yes-no");
    browser.step("yes-no-open", () -> {
      browser.open("reviews/" + review + "/blind");
      browser.awaitText("#review-where", "Item 1 of 4 · 0 answered", Duration.ofSeconds(60));
      key("3"); // a scale key does nothing in a yes/no review
      browser.awaitText("#review-where", "Item 1 of 4 · 0 answered", Duration.ofSeconds(60));
    });
    browser.step("yes-no-answers", () -> {
      key("y");
      browser.awaitText("#review-where", "Item 2 of 4 · 1 answered", Duration.ofSeconds(60));
      key("n");
      browser.awaitText("#review-where", "Item 3 of 4 · 2 answered", Duration.ofSeconds(60));
      key("u");
      browser.awaitText("#review-where", "Item 4 of 4 · 3 answered", Duration.ofSeconds(60));
      key("s");
      browser.awaitText("#review-done", "All done", Duration.ofSeconds(60));
    });
    post("/api/v1/reviews/" + review + "/close", "", bearer());
    var results = get("/api/v1/reviews/" + review + "/results");
    // "unsure" and skipped count as no answer: one yes and one no remain.
    int answers = 0;
    double yes = 0;
    for (var rating : results.path("ratings")) {
      answers += rating.path("answers").asInt();
      yes += rating.path("value").asDouble() * rating.path("answers").asInt();
    }
    assertThat(answers).isEqualTo(2);
    assertThat(yes).isEqualTo(1.0);
    assertThat(results.path("reviewers").get(0).path("skipped").asInt()).isEqualTo(1);
    assertNothingSecretOnTheWire();
  }

  @Test
  @Order(3)
  void pairwiseByArrows() throws Exception {
    var review = review("pairwise");
    browser.step("pairwise-open", () -> {
      browser.open("reviews/" + review + "/blind");
      browser.awaitText("#review-where", "Item 1 of 2 · 0 answered", Duration.ofSeconds(60));
      assertThat(browser.all("img.review-image")).hasSize(2);
    });
    browser.step("pairwise-arrows", () -> {
      key(Keys.ARROW_LEFT);
      browser.awaitText("#review-where", "Item 2 of 2 · 1 answered", Duration.ofSeconds(60));
      key(Keys.ARROW_RIGHT);
      browser.awaitText("#review-done", "All done", Duration.ofSeconds(60));
    });
    post("/api/v1/reviews/" + review + "/close", "", bearer());
    var results = get("/api/v1/reviews/" + review + "/results");
    assertThat(results.path("reviewers").get(0).path("answered").asInt()).isEqualTo(2);
    assertThat(results.path("bradleyTerry")).hasSize(2);
    assertNothingSecretOnTheWire();
  }

  @Test
  @Order(4)
  void onAPhoneSizedScreen() throws Exception {
    var pairs = review("pairwise");
    var scale = review("scale");
    // Off the last page first: resizing it would make it send a message that leaving then cuts off unread.
    browser.driver.get("about:blank");
    // A phone as Chromium's device toolbar makes one: 390×844 CSS pixels, touch, a mobile viewport.
    browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 390, "height", 844, "deviceScaleFactor", 3, "mobile", true));
    browser.driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
    try {
      browser.step("phone-pairwise", () -> {
        browser.open("reviews/" + pairs + "/blind");
        browser.awaitText("#review-where", "Item 1 of 2 · 0 answered", Duration.ofSeconds(60));
        assertFitsThePhone(2, 150);
      });
      browser.step("phone-pairwise-tap", () -> {
        browser.click("#answer-left");
        browser.awaitText("#review-where", "Item 2 of 2 · 1 answered", Duration.ofSeconds(60));
      });
      assertNothingSecretOnTheWire(); // before the page is left, while DevTools still has its bodies
      browser.step("phone-scale", () -> {
        browser.open("reviews/" + scale + "/blind");
        browser.awaitText("#review-where", "Item 1 of 4 · 0 answered", Duration.ofSeconds(60));
        assertFitsThePhone(1, 250);
      });
      browser.step("phone-scale-tap", () -> {
        browser.click("#answer-4");
        browser.awaitText("#review-where", "Item 2 of 4 · 1 answered", Duration.ofSeconds(60));
        browser.click("#answer-skip");
        browser.awaitText("#review-where", "Item 3 of 4 · 2 answered", Duration.ofSeconds(60));
      });
      assertNothingSecretOnTheWire();
    } finally {
      browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
      browser.driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
    }
    post("/api/v1/reviews/" + scale + "/close", "", bearer());
    var results = get("/api/v1/reviews/" + scale + "/results");
    assertThat(results.path("reviewers").get(0).path("answered").asInt()).isEqualTo(1);
    assertThat(results.path("reviewers").get(0).path("skipped").asInt()).isEqualTo(1);
  }

  // --- helpers -----------------------------------------------------------------------------

  /**
   * Everything the server sent since the last check: no prompt, label or run id anywhere
   * (pages, scripts, images, pushes), and no score in Vaadin's messages.
   * A response DevTools could not give back fails the check rather than pass it unread.
   */
  private static void assertNothingSecretOnTheWire() {
    var wire = Wire.read(browser.driver);
    var uidl = wire.messages().stream()
        .filter(m -> m.kind().equals("push") || m.url().contains("v-r=uidl") || m.url().contains("v-r=init"))
        .toList();
    assertThat(uidl).as("Vaadin messages seen on the wire").isNotEmpty();
    assertThat(wire.messages().stream().filter(m -> m.url().contains("/VAADIN/dynamic/"))).as("item images").isNotEmpty();
    assertThat(wire.unreadable().stream().filter(u -> u.contains("v-r=") || u.contains("/VAADIN/dynamic/")))
        .as("Vaadin responses whose body could not be read").isEmpty();
    for (var message : wire.messages()) {
      for (var secret : secrets) {
        assertThat(message.body()).as("%s from %s", message.kind(), message.url()).doesNotContain(secret);
      }
    }
    for (var message : uidl) {
      for (var score : scores) {
        assertThat(message.body()).as("%s from %s", message.kind(), message.url()).doesNotContain(score);
      }
    }
  }

  private static String review(String kind) throws Exception {
    return post("/api/v1/reviews", JSON.writeValueAsString(Map.of("gridId", gridId, "question", "Is it what was asked for?",
        "kind", kind, "reviewers", List.of(Browser.USER))), bearer()).path("id").asText();
  }

  /**
   * On the phone, without scrolling: the page does not scroll sideways, the image (or both of a
   * pair, side by side) and every answer button lie within the first screen, each image wide
   * enough to judge and each button big enough to tap (44 pixels high, as touch guidelines ask).
   */
  @SuppressWarnings("unchecked")
  private static void assertFitsThePhone(int images, double minImageWidth) {
    var js = (JavascriptExecutor) browser.driver;
    var page = (Map<String, Object>) js.executeScript("return {width: window.innerWidth, height: window.innerHeight,"
        + " scroll: document.documentElement.scrollWidth};");
    long width = ((Number) page.get("width")).longValue();
    long height = ((Number) page.get("height")).longValue();
    assertThat(width).as("the viewport's width").isEqualTo(390);
    assertThat(((Number) page.get("scroll")).longValue()).as("the page's width: no sideways scrolling").isLessThanOrEqualTo(width);
    var boxes = (List<Map<String, Object>>) js.executeScript("return [...document.querySelectorAll("
        + "'img.review-image, vaadin-button[id^=answer-]')].map(e => { const r = e.getBoundingClientRect();"
        + " return {what: e.id || e.alt, left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width,"
        + " height: r.height, image: e.tagName === 'IMG'}; });");
    var pictures = boxes.stream().filter(b -> Boolean.TRUE.equals(b.get("image"))).toList();
    assertThat(pictures).as("images").hasSize(images);
    assertThat(boxes.stream().filter(b -> !Boolean.TRUE.equals(b.get("image")))).as("answer buttons").isNotEmpty();
    for (var box : boxes) {
      assertThat(number(box, "left")).as("%s's left edge", box.get("what")).isGreaterThanOrEqualTo(0);
      assertThat(number(box, "right")).as("%s's right edge", box.get("what")).isLessThanOrEqualTo(width);
      assertThat(number(box, "top")).as("%s's top", box.get("what")).isGreaterThanOrEqualTo(0);
      assertThat(number(box, "bottom")).as("%s's bottom: on the first screen", box.get("what")).isLessThanOrEqualTo(height);
      if (Boolean.TRUE.equals(box.get("image"))) {
        assertThat(number(box, "width")).as("%s's width", box.get("what")).isGreaterThanOrEqualTo(minImageWidth);
      } else {
        assertThat(number(box, "height")).as("%s's height", box.get("what")).isGreaterThanOrEqualTo(44);
      }
    }
    if (images == 2) {
      assertThat(number(pictures.get(0), "top")).as("a pair side by side").isEqualTo(number(pictures.get(1), "top"));
    }
  }

  private static double number(Map<String, Object> box, String key) {
    return ((Number) box.get(key)).doubleValue();
  }

  private static void key(CharSequence key) {
    new Actions(browser.driver).sendKeys(key).perform();
    browser.awaitIdle();
  }

  private static double progress() {
    return Double.parseDouble(browser.find("#review-progress").getDomProperty("value"));
  }

  private static String basic() {
    return "Basic " + Base64.getEncoder().encodeToString((Browser.USER + ":" + Browser.PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private static String bearer() {
    return "Bearer " + token;
  }

  private static JsonNode post(String path, String body, String authorization) throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + browser.port + path))
        .header("Authorization", authorization).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  private static JsonNode get(String path) {
    try {
      var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + browser.port + path))
          .header("Authorization", bearer()).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
