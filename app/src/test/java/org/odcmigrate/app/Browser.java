package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through the system's ChromeDriver, for the web page tests: waits,
 * full-page screenshots, and the page's console errors. Both binaries are named explicitly, so
 * Selenium never looks for (or downloads) a driver of its own.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ChromeDriver driver;
  private final Path profile;
  private final Path screenshots;

  private Browser(ChromeDriver driver, Path profile, Path screenshots) {
    this.driver = driver;
    this.profile = profile;
    this.screenshots = screenshots;
  }

  /**
   * Skips a test class that uses the browser, saying why, where Chromium or ChromeDriver is not
   * installed: decided before the class starts anything, and shown as skipped in the test report.
   */
  static final class Required implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)
          ? ConditionEvaluationResult.enabled("Chromium and ChromeDriver are installed")
          : ConditionEvaluationResult.disabled(
              "web page tests skipped: they need "
                  + CHROMIUM
                  + " and "
                  + CHROMEDRIVER
                  + " (Debian packages chromium and chromium-driver, which .ci/run installs)");
    }
  }

  static Browser start(Path screenshots) throws IOException {
    Path profile = Files.createTempDirectory("odc-migrate-chromium");
    Files.createDirectories(screenshots);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--lang=en-US",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new Browser(new ChromeDriver(service, options), profile, screenshots);
  }

  WebDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The element once it is displayed. */
  WebElement visible(String css) {
    return until(
        "'" + css + "' to be displayed",
        d -> {
          List<WebElement> found = d.findElements(By.cssSelector(css));
          return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
        });
  }

  /** The element once its text contains the given text. */
  WebElement showing(String css, String text) {
    return until(
        "'" + css + "' to show \"" + text + "\"",
        d -> {
          List<WebElement> found = d.findElements(By.cssSelector(css));
          return !found.isEmpty() && found.get(0).getText().contains(text) ? found.get(0) : null;
        });
  }

  <T> T until(String what, Function<WebDriver, T> condition) {
    return until(what, WAIT, condition);
  }

  <T> T until(String what, Duration timeout, Function<WebDriver, T> condition) {
    // The page re-renders its views while polling: an element read between two renders is stale,
    // not wrong.
    return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class)
        .withMessage(
            () ->
                "waited for "
                    + what
                    + "; the page shows:\n"
                    + driver.findElement(By.tagName("body")).getText())
        .until(condition);
  }

  Object script(String script, Object... arguments) {
    return driver.executeScript(script, arguments);
  }

  /**
   * The whole page as a PNG, named for the step it shows; only the window while a dialog is open,
   * since the dialog and its backdrop cover the window, not the page.
   */
  void screenshot(String name) throws IOException {
    if (Boolean.TRUE.equals(
        driver.executeScript("return document.querySelector('dialog[open]') !== null"))) {
      Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> size =
        (Map<String, Object>)
            driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
    Map<String, Object> clip =
        Map.of(
            "x",
            0,
            "y",
            0,
            "scale",
            1,
            "width",
            ((Number) size.get("width")).doubleValue(),
            "height",
            ((Number) size.get("height")).doubleValue());
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    Files.write(
        screenshots.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
  }

  /** Scripts that threw and resources the page's security policy refused since the last call. */
  List<String> pageErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(
            m ->
                !m.contains(
                    "Failed to load resource")) // refused API calls (401, 403, 409) the page
        // handles
        .toList();
  }

  void assertNoPageErrors() {
    assertThat(pageErrors()).as("errors in the page's console").isEmpty();
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
