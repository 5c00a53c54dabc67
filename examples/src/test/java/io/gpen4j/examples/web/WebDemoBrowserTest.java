package io.gpen4j.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.testing.SharedData;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Drives the demo page in headless Chromium ({@link HeadlessChromium}): a real upload of
 * astronaut.png restored by the random-weight GPEN-256, and an upload of a text file that must show
 * the server's error.
 */
final class WebDemoBrowserTest {
  @RegisterExtension
  static final RunningDemo DEMO = new RunningDemo(() -> FaceRestorer.builder()
      .generator(SharedData.randomGpen256())
      .detector(DetectorType.YUNET, SharedData.yunet())
      .build(), new WebDemoServer.Settings(new InetSocketAddress("127.0.0.1", 0), 20L * 1024 * 1024, 2)
          .withModelName("GPEN-BFR-256-randw.onnx"));
  private static HeadlessChromium chromium;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws IOException {
    chromium = HeadlessChromium.open();
    browser = chromium.browser();
  }

  @AfterAll
  static void stop() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void upload_astronaut_showsBothImagesAndTheTime() throws IOException {
    browser.get(DEMO.server().uri().toString());
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
    browser.get(DEMO.server().uri().toString());
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
    chromium.waitUntil(what, condition);
  }

  private static void screenshot(String name) throws IOException {
    chromium.screenshot(name);
  }
}
