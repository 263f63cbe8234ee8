package workbench.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The packaged app on a free port with a fresh data dir, and Debian's Chromium driving it
 * headless. Every step leaves a screenshot in {@code target/e2e}; a failing step also leaves
 * the browser's console log.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  final int port;
  final ChromeDriver driver;
  static final String USER = "e2e";
  static final String PASSWORD = "e2e-password-1";

  private final Process app;
  private final Path shots;
  private int step;

  private Browser(int port, Process app, ChromeDriver driver, Path shots) {
    this.port = port;
    this.app = app;
    this.driver = driver;
    this.shots = shots;
  }

  static Browser start() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver "
          + "(apt-get install chromium chromium-driver); .ci/run installs them");
    }
    var jar = Path.of(System.getProperty("workbench.jar", "target/prompt-workbench.jar"));
    var shots = Path.of(System.getProperty("e2e.dir", "target/e2e"));
    Files.createDirectories(shots);
    var data = Files.createTempDirectory(shots.getParent(), "e2e-data-");
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var log = shots.resolve("app.log");
    // A fresh database: its first admin comes from these settings, and the browser signs in as it.
    // Port 0: the app takes a free port when it binds and says which in its log; a port picked
    // here could be taken by another app while this one starts (minutes on a busy machine).
    var app = new ProcessBuilder(java, "-Xmx3g", "-jar", jar.toString(), "--server.port=0",
            "--workbench.data-dir=" + data, "--workbench.admin.username=" + USER, "--workbench.admin.password=" + PASSWORD)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      int port = awaitHealthy(log, app);
      System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
      var options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--window-size=1400,1000", "--user-data-dir=" + Files.createTempDirectory("e2e-chromium-"));
      var logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      // DevTools' Network events, so a test can read what the server sent (Wire).
      logs.enable(LogType.PERFORMANCE, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
      var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
      return new Browser(port, app, new ChromeDriver(service, options), shots);
    } catch (Exception e) {
      app.destroy();
      throw e;
    }
  }

  /** Runs one named step; its screenshot is kept either way, the console log on failure. */
  void step(String name, Runnable action) throws IOException {
    step++;
    var file = String.format("%02d-%s", step, name);
    try {
      action.run();
      awaitIdle();
      shot(file);
    } catch (RuntimeException | AssertionError e) {
      shot("FAILED-" + file);
      var log = new StringBuilder();
      driver.manage().logs().get(LogType.BROWSER).forEach(entry -> log.append(entry).append('\n'));
      Files.writeString(shots.resolve("FAILED-" + file + "-browser.log"), log);
      throw e;
    }
  }

  /** Through the login page, as a person does: every page needs a signed-in user. */
  void signIn() {
    open("login");
    type("#vaadinLoginUsername input", USER);
    var password = find("#vaadinLoginPassword input");
    password.sendKeys(PASSWORD);
    password.sendKeys(Keys.ENTER);
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));
    awaitIdle();
  }

  void open(String path) {
    driver.get("http://localhost:" + port + "/" + path);
    awaitIdle();
  }

  WebElement find(String css) {
    return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  void click(String css) {
    var element = find(css);
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block:'center'})", element);
    element.click();
    awaitIdle();
  }

  /** Types into a Vaadin field's input (or textarea) and leaves it, so the value reaches the server. */
  void type(String css, String text) {
    var field = find(css);
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    field.sendKeys(text);
    field.sendKeys(Keys.TAB);
    awaitIdle();
  }

  void awaitText(String css, String text, Duration timeout) {
    // A view that re-renders replaces the element between finding and reading it: look again.
    new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class).until(d -> {
      var elements = d.findElements(By.cssSelector(css));
      return elements.stream().anyMatch(e -> textOf(e).contains(text));
    });
  }

  String textOf(WebElement e) {
    var value = e.getDomProperty("value");
    return value != null && !value.isEmpty() ? value : e.getText();
  }

  /** Vaadin has answered every request the page made. */
  void awaitIdle() {
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "return !!(window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients)"
            + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive());")));
  }

  void shot(String name) throws IOException {
    Files.write(shots.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      app.destroy();
      try {
        app.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static final Pattern STARTED = Pattern.compile("Tomcat started on \\D*(\\d+)");

  /** Waits for the app's own log to name its port and its health to say UP there; returns the port. */
  private static int awaitHealthy(Path log, Process app) throws Exception {
    var http = HttpClient.newHttpClient();
    // -De2e.startSeconds=… for a machine busy with other work (the app starts in about a minute alone).
    int seconds = Integer.getInteger("e2e.startSeconds", 180);
    try {
      return await("the app healthy").atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(500))
          .until(() -> healthyPort(log, app, http), port -> port > 0);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException("the app did not become healthy in " + seconds + " s; see target/e2e/app.log", e);
    }
  }

  /** The port once the log names it and the health there says UP; 0 until then. */
  private static int healthyPort(Path log, Process app, HttpClient http) throws IOException, InterruptedException {
    if (!app.isAlive()) {
      throw new IllegalStateException("the app exited with " + app.exitValue() + "; see target/e2e/app.log");
    }
    var started = STARTED.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
    if (!started.find()) {
      return 0;
    }
    int port = Integer.parseInt(started.group(1));
    try {
      var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"UP\"") ? port : 0;
    } catch (IOException notYet) {
      return 0; // still starting
    }
  }
}
