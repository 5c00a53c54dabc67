package io.gpen4j.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.testing.SharedData;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Drives the demo page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}
 * packages): a real upload of astronaut.png restored by the random-weight GPEN-256, and an upload
 * of a text file that must show the server's error. Screenshots go to
 * {@code target/web-demo-screenshots/} for review.
 *
 * <p>Without Chromium the test is skipped, except when {@code CI=true}, where it fails.
 */
final class WebDemoBrowserTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Path SCREENSHOTS = Path.of("target", "web-demo-screenshots");

  /**
   * Selenium warns that it has no CDP bindings for this Chromium; only WebDriver is used here. Held
   * in a field because java.util.logging keeps loggers weakly.
   */
  private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

  private static FaceRestorer restorer;
  private static WebDemoServer server;
  private static ChromeDriver browser;
  private static Path profile;

  @BeforeAll
  static void start() throws IOException {
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
    restorer = FaceRestorer.builder()
        .generator(SharedData.randomGpen256())
        .detector(DetectorType.YUNET, SharedData.yunet())
        .build();
    server = WebDemoServer.start(restorer,
        new WebDemoServer.Settings(new InetSocketAddress("127.0.0.1", 0), 20L * 1024 * 1024, 2)
            .withModelName("GPEN-BFR-256-randw.onnx"));
    SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
    profile = Files.createTempDirectory("gpen4j-chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--window-size=1280,1800",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile())
        .usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (restorer != null) {
      restorer.close();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  void upload_astronaut_showsBothImagesAndTheTime() throws IOException {
    browser.get(server.uri().toString());
    browser.findElement(By.id("outline")).click();

    chooseFile(SharedData.image("astronaut.png").toFile());

    waitUntil("the restored image is shown", () -> isDisplayed("results") && imageLoaded("restored-img")
        && imageLoaded("original-img"));
    assertEquals(512L, naturalWidth("original-img"));
    assertEquals(512L, naturalWidth("restored-img"));
    String elapsed = browser.findElement(By.id("elapsed")).getText();
    assertTrue(elapsed.matches("Done in \\d+\\.\\d\\d s \\(server \\d+\\.\\d\\d s\\)"), elapsed);
    assertTrue(browser.findElement(By.id("status")).getText().startsWith("1 face"), "status");
    List<WebElement> boxes = browser.findElements(By.cssSelector("#restored-frame .face-box"));
    assertEquals(1, boxes.size());
    assertTrue(boxes.get(0).isDisplayed(), "faces are outlined when asked");
    assertTrue(!isDisplayed("error"), "no error after a good upload");
    assertEquals("GPEN-BFR-256-randw.onnx (GPEN, 256 px)", browser.findElement(By.id("model")).getText());
    WebElement download = browser.findElement(By.id("download"));
    assertTrue(download.isDisplayed(), "a download link under the result");
    assertEquals("astronaut-restored.png", download.getAttribute("download"));
    assertTrue(download.getAttribute("href").startsWith("data:image/png;base64,"), "the link holds the restored photo");
    screenshot("restored.png");
  }

  @Test
  void upload_textFile_showsTheServersError() throws IOException {
    browser.get(server.uri().toString());
    Path notes = Files.writeString(tempDir.resolve("notes.txt"), "a shopping list, not a photo\n");

    chooseFile(notes.toFile());

    waitUntil("the error is shown", () -> isDisplayed("error"));
    String error = browser.findElement(By.id("error")).getText();
    assertTrue(error.contains("notes.txt") && error.contains("(HTTP 415)"), error);
    assertTrue(!isDisplayed("results"), "no result after a bad upload");
    screenshot("error.png");
  }

  @TempDir static Path tempDir;

  private void chooseFile(File file) {
    // The file input is hidden behind the drop zone; WebDriver gives a file to it all the same,
    // which fires the same change event a user's choice does.
    browser.findElement(By.id("file")).sendKeys(file.getAbsolutePath());
  }

  private boolean isDisplayed(String id) {
    return browser.findElement(By.id(id)).isDisplayed();
  }

  private boolean imageLoaded(String id) {
    return naturalWidth(id) > 0;
  }

  private long naturalWidth(String id) {
    Object w = ((JavascriptExecutor) browser).executeScript(
        "const i = document.getElementById(arguments[0]); return i.complete ? i.naturalWidth : 0;", id);
    return ((Number) w).longValue();
  }

  private static void waitUntil(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("waited " + PATIENCE.toSeconds() + " s for " + what + "; page says: "
            + browser.findElement(By.tagName("body")).getText());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for " + what);
      }
    }
  }

  private static void screenshot(String name) throws IOException {
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
