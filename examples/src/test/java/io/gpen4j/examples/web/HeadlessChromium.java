package io.gpen4j.examples.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web tests' browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver}
 * packages) driven through chromedriver, with a profile of its own deleted on close. Screenshots go
 * to {@code target/web-demo-screenshots/} for review.
 *
 * <p>Without Chromium the calling test is skipped, except when {@code CI=true}, where it fails.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "web-demo-screenshots");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /**
   * Selenium warns that it has no CDP bindings for this Chromium; only WebDriver is used here. Held
   * in a field because java.util.logging keeps loggers weakly.
   */
  private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

  private final ChromeDriver browser;
  private final Path profile;

  private HeadlessChromium(ChromeDriver browser, Path profile) {
    this.browser = browser;
    this.profile = profile;
  }

  /**
   * Starts the browser, or skips the test (fails it under CI) when Chromium is not installed.
   *
   * @param extraArguments command-line switches beyond the headless set-up
   * @return the running browser
   * @throws IOException if the profile folder cannot be made
   */
  static HeadlessChromium open(String... extraArguments) throws IOException {
    Path chromium = Path.of(System.getProperty("gpen4j.chromium", "/usr/bin/chromium"));
    Path chromedriver = Path.of(System.getProperty("gpen4j.chromedriver", "/usr/bin/chromedriver"));
    if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
      String msg = "headless browser test needs " + chromium + " and " + chromedriver
          + " (Debian: apt-get install chromium chromium-driver)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg);
      }
      Assumptions.assumeTrue(false, msg);
    }
    SELENIUM_LOG.setLevel(Level.SEVERE);
    Path profile = Files.createTempDirectory("gpen4j-chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--window-size=1280,1800",
        "--user-data-dir=" + profile.toAbsolutePath());
    options.addArguments(extraArguments);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile())
        .usingAnyFreePort()
        .build();
    Files.createDirectories(SCREENSHOTS);
    return new HeadlessChromium(new ChromeDriver(service, options), profile);
  }

  ChromeDriver browser() {
    return browser;
  }

  /** Waits up to a minute for a condition, failing with what the page says. */
  void waitUntil(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("waited " + PATIENCE.toSeconds() + " s for " + what + "; page says: "
            + browser.findElement(By.tagName("body")).getText());
      }
      pause(Duration.ofMillis(100));
    }
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted while waiting");
    }
  }

  /** Saves what the browser shows under {@link #SCREENSHOTS}. */
  Path screenshot(String name) throws IOException {
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    return Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() throws IOException {
    browser.quit();
    try (var files = Files.walk(profile)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
