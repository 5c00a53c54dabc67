package io.gpen4j.video.internal.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorStage;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.Landmarks;
import io.gpen4j.Point;
import io.gpen4j.RestoreOptions;
import io.gpen4j.testing.SharedData;
import io.gpen4j.video.TrackingOptions;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection on a shrunk copy of a large frame ({@link ScaledDetector}) against the real YuNet on
 * the frame itself: the copy's size, the resampling's geometry (which the mapping back assumes),
 * and on the shared photographs made into video-sized frames, every face found at full resolution
 * found again at the default, with landmarks within a stated tolerance, and the face-selection
 * options applied in frame pixels.
 */
final class ScaledDetectorTest {
  private static final Logger LOG = LoggerFactory.getLogger(ScaledDetectorTest.class);
  private static final TrackingOptions FULL = TrackingOptions.builder().smallestDetectedFace(20).build();

  private static FaceRestorer restorer;
  private static BufferedImage solvay;
  private static BufferedImage astronaut;

  @BeforeAll
  static void open() throws IOException {
    restorer = FaceRestorer.builder().generator(GeneratorStage.of(SharedData.randomGpen256()))
        .detector(DetectorStage.of(DetectorType.YUNET, SharedData.yunet())).build();
    solvay = ImageIO.read(SharedData.image("solvay_conference_1927.png").toFile());
    astronaut = ImageIO.read(SharedData.image("astronaut.png").toFile());
  }

  @AfterAll
  static void close() {
    restorer.close();
  }

  @ParameterizedTest
  @CsvSource({
      "640, 360, 40, 640, 360", // the detector's own size: never shrunk
      "640, 360, 200, 640, 360",
      "1280, 720, 40, 640, 360", // 40 px faces at 20 px: half size, which is also 640
      "1920, 1080, 40, 960, 540", // half size; 640 would put 40 px faces at 13 px
      "1920, 1080, 20, 1920, 1080", // 20: the frame itself
      "1920, 1080, 100, 640, 360", // not below the 640 px pass
      "1000, 750, 40, 640, 480",
      "3840, 2160, 30, 2560, 1440",
      "400, 3000, 40, 200, 1500"})
  void copySize_shrinksLargeFramesTowardTheSmallestFaceButNotBelow640(int w, int h, int face, int cw, int ch) {
    assertArrayEquals(new int[] {cw, ch}, ScaledDetector.copySize(w, h, face));
  }

  /**
   * The mapping back multiplies by {@code w / w'}: right only if the copy spans the frame's extent.
   * A smooth blob's centroid (pixel i covering [i, i + 1)) must land in the copy at its frame
   * position times {@code w' / w}: within 0.1 frame px, where a copy shifted by half a pixel of
   * either image would be off by at least 0.25 px.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void shrink_keepsGeometry_soMappingBackIsExact(long seed) {
    Random rnd = new Random(seed);
    int[][] sizes = {{1920, 1080}, {1280, 720}, {1000, 750}, {1366, 768}, {2560, 1440}, {777, 1333}};
    int w = sizes[(int) (seed - 1)][0];
    int h = sizes[(int) (seed - 1)][1];
    int[] copy = ScaledDetector.copySize(w, h, 30 + rnd.nextInt(40));
    double sigma = 6 + 6 * rnd.nextDouble();
    double cx = 60 + (w - 120) * rnd.nextDouble();
    double cy = 60 + (h - 120) * rnd.nextDouble();
    BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double dx = x + 0.5 - cx;
        double dy = y + 0.5 - cy;
        int v = (int) Math.round(255 * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)));
        frame.setRGB(x, y, v * 0x010101);
      }
    }
    double[] c = centroid(ScaledDetector.shrink(frame, copy[0], copy[1]));
    double fx = (double) w / copy[0];
    double fy = (double) h / copy[1];
    String what = w + "x" + h + " -> " + copy[0] + "x" + copy[1];
    assertEquals(cx, c[0] * fx, 0.1, "x centroid mapped back, " + what);
    assertEquals(cy, c[1] * fy, 0.1, "y centroid mapped back, " + what);
  }

  @Test
  void map_scalesEachAxisByItsOwnFactor() {
    DetectedFace f = new DetectedFace(new BoundingBox(10, 20, 30, 40),
        Landmarks.of(11, 21, 19, 22, 15, 30, 12, 40, 18, 41), 0.9);
    DetectedFace m = ScaledDetector.map(f, 2.0, 1.5);
    assertEquals(new BoundingBox(20, 30, 60, 60), m.box());
    assertEquals(Landmarks.of(22, 31.5, 38, 33, 30, 45, 24, 60, 36, 61.5), m.landmarks());
    assertEquals(0.9, m.score());
  }

  /**
   * One large face (104 and 157 px) at 1280x720 and 1920x1080: found on the whole-frame pass
   * either way, from differently resampled pixels (Java 2D's copy, then gpen-core's detector input);
   * measured within 0.4 px.
   */
  @ParameterizedTest
  @CsvSource({"1280, 720", "1920, 1080"})
  void oneLargeFace_sameLandmarksWithin2PercentOfTheFace(int w, int h) {
    BufferedImage frame = scaled(benchFrame(), w, h);
    DetectedFace full = only(new ScaledDetector(restorer, RestoreOptions.DEFAULTS, FULL).detect(frame).faces());
    ScaledDetector.Result scaled = new ScaledDetector(restorer, RestoreOptions.DEFAULTS, TrackingOptions.DEFAULTS)
        .detect(frame);
    DetectedFace got = only(scaled.faces());
    assertEquals(null, scaled.frame(), "a shrunk copy was searched, the frame is converted by the restore");
    double worst = worstLandmark(full, got);
    LOG.info("{}x{}: face {} px, worst landmark {} px", w, h, Math.round(full.size()), worst);
    assertTrue(worst <= 0.02 * full.size(), worst + " px on a " + full.size() + " px face");
    assertTrue(full.box().iou(got.box()) > 0.95, "box IoU " + full.box().iou(got.box()));
  }

  @Test
  void frameOf640_isSearchedItself_andItsPixelsKept() {
    BufferedImage frame = benchFrame();
    ScaledDetector.Result r = new ScaledDetector(restorer, RestoreOptions.DEFAULTS, TrackingOptions.DEFAULTS)
        .detect(frame);
    assertEquals(restorer.detect(frame, RestoreOptions.DEFAULTS), r.faces());
    assertEquals(640, r.frame().width());
  }

  /**
   * The 1927 Solvay photograph (29 faces) at 1280 and 1920 px wide, as a group video's frame: at the
   * default every face the full-resolution search finds is found (29 of 29, box IoU at least 0.5),
   * the median face's worst landmark within 15 % of its size and every face's within 25 %. The
   * faces (31 to 60 px at 1280, 46 to 90 px at 1920) are found at half their size, near the
   * detector's smallest, where YuNet's landmarks move by a few pixels with the scale: measured
   * median 11.6 % and worst 20.7 % at 1280, 7.7 % and 18.1 % at 1920.
   */
  @ParameterizedTest
  @ValueSource(ints = {1280, 1920})
  void groupPhoto_noFaceLost_landmarksWithinTolerance(int width) {
    BufferedImage frame = scaled(solvay, width, (int) Math.round((double) width * solvay.getHeight() / solvay.getWidth()));
    List<DetectedFace> full = new ScaledDetector(restorer, RestoreOptions.DEFAULTS, FULL).detect(frame).faces();
    List<DetectedFace> got = new ScaledDetector(restorer, RestoreOptions.DEFAULTS, TrackingOptions.DEFAULTS)
        .detect(frame).faces();
    assertEquals(29, full.size(), "faces at full resolution");
    double[] rel = new double[full.size()];
    for (int i = 0; i < full.size(); i++) {
      DetectedFace f = full.get(i);
      DetectedFace match = got.stream().max(Comparator.comparingDouble(c -> c.box().iou(f.box()))).orElseThrow();
      assertTrue(match.box().iou(f.box()) >= 0.5, "face " + i + " (" + f.size() + " px) lost at " + width);
      rel[i] = worstLandmark(f, match) / f.size();
    }
    assertEquals(full.size(), got.size(), "no extra face");
    Arrays.sort(rel);
    double median = rel[rel.length / 2];
    LOG.info("Solvay at {} px: smallest face {} px, worst landmark / face size: median {}, max {}", width,
        Math.round(full.stream().mapToDouble(DetectedFace::size).min().orElse(0)), median, rel[rel.length - 1]);
    assertTrue(median <= 0.15, "median " + median);
    assertTrue(rel[rel.length - 1] <= 0.25, "worst " + rel[rel.length - 1]);
  }

  /**
   * minFaceSize, maxFaces and onlyLargestFace apply to the mapped faces, in frame pixels: with
   * minFaceSize at the median face, every face returned is at least that large, and every face of
   * the full-resolution search 10 % larger is among them.
   */
  @Test
  void selection_appliesInFramePixels() {
    BufferedImage frame = scaled(solvay, 1920, (int) Math.round(1920.0 * solvay.getHeight() / solvay.getWidth()));
    List<DetectedFace> all = new ScaledDetector(restorer, RestoreOptions.DEFAULTS, TrackingOptions.DEFAULTS)
        .detect(frame).faces();
    List<DetectedFace> full = new ScaledDetector(restorer, RestoreOptions.DEFAULTS, FULL).detect(frame).faces();
    double median = all.stream().mapToDouble(DetectedFace::size).sorted().skip(all.size() / 2).findFirst().orElseThrow();
    int min = (int) Math.ceil(median);
    List<DetectedFace> bigger = new ScaledDetector(restorer, RestoreOptions.builder().minFaceSize(min).build(),
        TrackingOptions.DEFAULTS).detect(frame).faces();
    assertTrue(bigger.size() > 3 && bigger.size() < all.size(), "a real cut: " + bigger.size());
    for (DetectedFace f : bigger) {
      assertTrue(f.size() >= min, f.size() + " px kept under minFaceSize " + min);
    }
    for (DetectedFace f : full) {
      if (f.size() >= 1.1 * min) {
        assertTrue(bigger.stream().anyMatch(b -> b.box().iou(f.box()) >= 0.5), "lost a " + f.size() + " px face");
      }
    }
    assertEquals(all.subList(0, 3), new ScaledDetector(restorer, RestoreOptions.builder().maxFaces(3).build(),
        TrackingOptions.DEFAULTS).detect(frame).faces());
    assertEquals(all.subList(0, 1), new ScaledDetector(restorer, RestoreOptions.builder().onlyLargestFace().build(),
        TrackingOptions.DEFAULTS).detect(frame).faces());
  }

  /** The video benchmark's frame: astronaut.png at 300 px over a gradient, 640x360 (its face about 52 px). */
  private static BufferedImage benchFrame() {
    BufferedImage f = new BufferedImage(640, 360, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = f.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 160), 640, 360, new Color(220, 180, 90)));
    g.fillRect(0, 0, 640, 360);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(astronaut, 150, 30, 300, 300, null);
    g.dispose();
    return f;
  }

  private static BufferedImage scaled(BufferedImage src, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(src, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  private static DetectedFace only(List<DetectedFace> faces) {
    assertEquals(1, faces.size(), "faces");
    return faces.get(0);
  }

  private static double worstLandmark(DetectedFace a, DetectedFace b) {
    double worst = 0;
    for (int k = 0; k < Landmarks.COUNT; k++) {
      Point p = a.landmarks().points().get(k);
      worst = Math.max(worst, p.distanceTo(b.landmarks().points().get(k)));
    }
    return worst;
  }

  /** The intensity centroid, pixel i's centre at i + 0.5. */
  private static double[] centroid(BufferedImage img) {
    double sum = 0;
    double sx = 0;
    double sy = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        double v = img.getRGB(x, y) & 0xff;
        sum += v;
        sx += v * (x + 0.5);
        sy += v * (y + 0.5);
      }
    }
    return new double[] {sx / sum, sy / sum};
  }
}
