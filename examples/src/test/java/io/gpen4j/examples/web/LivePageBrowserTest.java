package io.gpen4j.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.models.GeneratorFamily;
import io.gpen4j.testing.CheckedInModels;
import io.gpen4j.testing.SharedData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The live page end to end: headless Chromium's fake camera plays a clip made from astronaut.png,
 * the page streams it over the WebSocket for about ten seconds, and the server restores it with the
 * checked-in CodeFormer echo model at fidelity 0 ({@code output = input * 0}: every restored face
 * turns mid-grey) and colour matching off, so where a frame changed is plain to see: only inside
 * the regions the faces were pasted into.
 */
final class LivePageBrowserTest {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 360;
  private static final int CLIP_FRAMES = 30;
  /** How long the page streams before its counters are read. */
  private static final Duration STREAMING = Duration.ofSeconds(10);

  @TempDir static Path clipDir;

  @RegisterExtension
  static final RunningDemo DEMO = new RunningDemo(() -> FaceRestorer.builder()
      .generator(CheckedInModels.path("codeformer-echo-512.onnx"))
      .generatorProfile(GeneratorFamily.CODEFORMER.profile())
      .detector(DetectorType.YUNET, SharedData.yunet())
      .build(), new WebDemoServer.Settings(new InetSocketAddress("127.0.0.1", 0), 1 << 20, 1)
          .withModelName("codeformer-echo-512.onnx"));
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws IOException {
    Path clip = writeClip(clipDir.resolve("astronaut.y4m"));
    chromium = HeadlessChromium.open("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        "--use-file-for-fake-video-capture=" + clip.toAbsolutePath());
  }

  @AfterAll
  static void stop() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void camera_streamsForTenSeconds_restoredFramesComeBackWithCountersAndChangeOnlyTheFaces() throws IOException {
    ChromeDriver browser = chromium.browser();
    browser.get(DEMO.server().uri().resolve("/live?fidelity=0&colorMatching=false").toString());
    assertEquals("codeformer-echo-512.onnx (CODEFORMER, 512 px)", text("model"));
    browser.findElement(By.id("outline")).click();
    browser.findElement(By.id("start")).click();

    chromium.waitUntil("the first restored frame", () -> number("restored") >= 1);
    HeadlessChromium.pause(STREAMING);

    long restored = number("restored");
    assertTrue(restored >= 5, restored + " frames restored in " + STREAMING.toSeconds() + " s");
    assertTrue(text("p50").matches("\\d+ ms") && text("p95").matches("\\d+ ms"), text("p50") + ", " + text("p95"));
    assertTrue(text("fps").matches("\\d+\\.\\d"), "fps " + text("fps"));
    assertTrue(text("dropped").matches("\\d+"), "dropped " + text("dropped"));
    assertTrue(text("server-latency").matches("\\d+ / \\d+ ms"), text("server-latency"));
    assertFalse(browser.findElement(By.id("error")).isDisplayed(), text("error"));
    chromium.screenshot("live.png");

    Pair pair = lastPair(browser);
    // For review, beside the screenshot: the frame sent and the frame restored from it.
    ImageIO.write(pair.input(), "png", HeadlessChromium.SCREENSHOTS.resolve("live-sent.png").toFile());
    ImageIO.write(pair.output(), "png", HeadlessChromium.SCREENSHOTS.resolve("live-restored.png").toFile());
    assertFalse(pair.regions().isEmpty(), "the astronaut's face was found");
    assertChangedOnlyInside(pair);
    browser.findElement(By.id("stop")).click();
  }

  /** A frame the page sent, the frame the server restored from it, and where faces were pasted. */
  private record Pair(BufferedImage input, BufferedImage output, List<int[]> boxes, List<int[]> regions) {}

  @SuppressWarnings("unchecked")
  private static Pair lastPair(ChromeDriver browser) throws IOException {
    Map<String, Object> pair = (Map<String, Object>) browser.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "const p = window.gpen4jLive.lastPair;"
            + "const url = b => new Promise(r => { const f = new FileReader(); f.onload = () => r(f.result); f.readAsDataURL(b); });"
            + "Promise.all([url(p.input), url(p.output)]).then(([i, o]) => done({input: i, output: o, faces: p.faces}));");
    List<int[]> boxes = new ArrayList<>();
    List<int[]> regions = new ArrayList<>();
    for (Map<String, Object> face : (List<Map<String, Object>>) pair.get("faces")) {
      boxes.add(rectangle(face));
      regions.add(rectangle((Map<String, Object>) face.get("region")));
    }
    return new Pair(decode((String) pair.get("input")), decode((String) pair.get("output")), boxes, regions);
  }

  /**
   * Outside every paste region (widened by two 8x8 JPEG blocks, where the grey face's ringing may
   * reach) the restored frame is the sent one up to JPEG re-encoding: small on average, and no 8x8
   * block's average colour moved by more than 8 levels (re-encoding moves single pixels at sharp
   * edges by more, never a block's average). Inside each face's detector box it is far from it.
   */
  private static void assertChangedOnlyInside(Pair pair) {
    BufferedImage in = pair.input();
    BufferedImage out = pair.output();
    assertEquals(in.getWidth(), out.getWidth());
    assertEquals(in.getHeight(), out.getHeight());
    long outsideSum = 0;
    long outsideCount = 0;
    for (int y = 0; y < in.getHeight(); y++) {
      for (int x = 0; x < in.getWidth(); x++) {
        if (!inside(pair.regions(), x, y, 16)) {
          outsideSum += difference(in.getRGB(x, y), out.getRGB(x, y));
          outsideCount++;
        }
      }
    }
    double outsideMean = outsideSum / (3.0 * outsideCount);
    assertTrue(outsideMean < 2.5, "outside the faces the frame changed by " + outsideMean + " on average");
    for (int by = 0; by + 8 <= in.getHeight(); by += 8) {
      for (int bx = 0; bx + 8 <= in.getWidth(); bx += 8) {
        if (!inside(pair.regions(), bx, by, 16) && !inside(pair.regions(), bx + 7, by + 7, 16)) {
          double shift = blockMeanShift(in, out, bx, by, 8, 8);
          assertTrue(shift <= 8, "the 8x8 block at " + bx + "," + by + ", outside the faces, moved by " + shift);
        }
      }
    }
    for (int[] box : pair.boxes()) {
      double shift = blockMeanShift(in, out, box[0], box[1], box[2], box[3]);
      assertTrue(shift > 20, "the face at " + box[0] + "," + box[1] + " moved by only " + shift);
    }
  }

  /** The largest over R, G and B of the change of a rectangle's average. */
  private static double blockMeanShift(BufferedImage a, BufferedImage b, int x0, int y0, int width, int height) {
    double[] sum = new double[3];
    for (int y = y0; y < y0 + height; y++) {
      for (int x = x0; x < x0 + width; x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int c = 0; c < 3; c++) {
          sum[c] += ((p >> (8 * c)) & 0xff) - ((q >> (8 * c)) & 0xff);
        }
      }
    }
    double shift = 0;
    for (double s : sum) {
      shift = Math.max(shift, Math.abs(s) / (width * height));
    }
    return shift;
  }

  private static boolean inside(List<int[]> boxes, int x, int y, int margin) {
    for (int[] b : boxes) {
      if (x >= b[0] - margin && x < b[0] + b[2] + margin && y >= b[1] - margin && y < b[1] + b[3] + margin) {
        return true;
      }
    }
    return false;
  }

  /** The sum over R, G and B of the absolute differences. */
  private static int difference(int a, int b) {
    int sum = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      sum += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
    }
    return sum;
  }

  private static int[] rectangle(Map<String, Object> box) {
    int x = (int) Math.floor(((Number) box.get("x")).doubleValue());
    int y = (int) Math.floor(((Number) box.get("y")).doubleValue());
    return new int[] {Math.max(0, x), Math.max(0, y),
        (int) Math.ceil(((Number) box.get("width")).doubleValue()) - Math.max(0, -x),
        (int) Math.ceil(((Number) box.get("height")).doubleValue()) - Math.max(0, -y)};
  }

  private static BufferedImage decode(String dataUrl) throws IOException {
    byte[] bytes = Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  private static String text(String id) {
    return chromium.browser().findElement(By.id(id)).getText();
  }

  private static long number(String id) {
    String t = text(id);
    return t.matches("\\d+") ? Long.parseLong(t) : -1;
  }

  /**
   * Writes a Y4M clip (YUV 4:2:0, the format Chromium's fake camera plays) of astronaut.png, scaled
   * to the frame's height and sliding sideways a little each frame, on a grey background.
   */
  private static Path writeClip(Path file) throws IOException {
    BufferedImage photo = ImageIO.read(SharedData.image("astronaut.png").toFile());
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
      out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F15:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < CLIP_FRAMES; i++) {
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(96, 96, 96));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, 120 + 4 * Math.min(i, CLIP_FRAMES - i), 0, HEIGHT, HEIGHT, null);
        g.dispose();
        out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
        out.write(yuv420(frame));
      }
    }
    return file;
  }

  /** BT.601 full-range ("JPEG") Y, then U and V averaged over 2x2 pixels. */
  private static byte[] yuv420(BufferedImage rgb) {
    int w = rgb.getWidth();
    int h = rgb.getHeight();
    byte[] planes = new byte[w * h * 3 / 2];
    int u0 = w * h;
    int v0 = u0 + w * h / 4;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = rgb.getRGB(x, y);
        int r = (p >> 16) & 0xff;
        int g = (p >> 8) & 0xff;
        int b = p & 0xff;
        planes[y * w + x] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
      }
    }
    for (int y = 0; y < h; y += 2) {
      for (int x = 0; x < w; x += 2) {
        double u = 0;
        double v = 0;
        for (int dy = 0; dy < 2; dy++) {
          for (int dx = 0; dx < 2; dx++) {
            int p = rgb.getRGB(x + dx, y + dy);
            int r = (p >> 16) & 0xff;
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            u += 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
            v += 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
          }
        }
        int i = (y / 2) * (w / 2) + x / 2;
        planes[u0 + i] = clamp(u / 4);
        planes[v0 + i] = clamp(v / 4);
      }
    }
    return planes;
  }

  private static byte clamp(double v) {
    return (byte) Math.max(0, Math.min(255, Math.round(v)));
  }
}
