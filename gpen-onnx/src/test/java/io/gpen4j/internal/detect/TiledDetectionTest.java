package io.gpen4j.internal.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.DetectionMode;
import io.gpen4j.DetectorType;
import io.gpen4j.internal.image.ImageResize;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tiled detection plans on the real detector models: small faces pasted into large photographs
 * with a textured background are found, each once, and small images cost one detector run; the
 * guided plan ({@link DetectionMode#TILED_GUIDED}) finds the faces the exhaustive one finds on the
 * shared photographs.
 */
final class TiledDetectionTest {
  private static final int[] FACE_SIZES = {24, 40, 64, 120};
  private static final Map<String, CountingSession> SESSIONS = new HashMap<>();

  @AfterAll
  static void closeSessions() {
    SESSIONS.values().forEach(ModelSession::close);
  }

  @ParameterizedTest
  @EnumSource(DetectorType.class)
  void tiled_facesFrom24To120PxIn3000x2000_eachFoundOnce(DetectorType type) {
    assertEveryFaceFoundOnce(type, 3000, 2000, 11, DetectionMode.TILED);
  }

  @Test
  void tiled_facesFrom24To120PxIn6000x4000_eachFoundOnce() {
    assertEveryFaceFoundOnce(DetectorType.YUNET, 6000, 4000, 12, DetectionMode.TILED);
  }

  /**
   * The shared photographs: the Solvay photograph at its size and enlarged (faces of 20-90 px), the
   * portraits, and the group photo of gpen-bench's DetectionPlanReport (the Solvay photograph at
   * 1x and 2x on the coffee photograph, 58 faces of 20-60 px).
   */
  @ParameterizedTest
  @ValueSource(strings = {"solvay@1", "solvay@1.5", "solvay@2", "solvay@3", "astronaut.png", "grace_hopper.jpg",
      "group@3000x2000"})
  void guided_sharedPhotos_findsTheFacesOfTheExhaustivePlan(String photo) {
    RgbaImage image = sharedPhoto(photo);
    assertSameFaces(DetectorType.YUNET, false, image, image.width() >= 1900);
  }

  /**
   * YuNet opened as the detect stage opens it, with its size free: the guided plan runs windows
   * cut around the candidates instead of whole tiles, and still finds what the exhaustive plan finds.
   */
  @ParameterizedTest
  @ValueSource(strings = {"solvay@1", "solvay@1.5", "solvay@2", "solvay@3", "astronaut.png", "grace_hopper.jpg",
      "group@3000x2000", "group@6000x4000"})
  void guided_sharedPhotos_yunetWithFreeSize_findsTheFacesOfTheExhaustivePlan(String photo) {
    RgbaImage image = sharedPhoto(photo);
    assertSameFaces(DetectorType.YUNET, true, image, image.width() >= 1900);
  }

  /**
   * On the group photo the free size reads under two thirds of the input pixels the guided plan
   * reads with whole tiles (3.7 M; the exhaustive plan's 25 tiles are 10.2 M), in no more runs:
   * one candidate run instead of two tiles, and windows instead of the tiles they are cut from.
   */
  @Test
  void guided_groupPhoto_yunetWithFreeSize_readsFewerPixelsThanWholeTiles() {
    RgbaImage image = sharedPhoto("group@3000x2000");
    CountingSession fixed = session(DetectorType.YUNET, false);
    CountingSession free = session(DetectorType.YUNET, true);
    long p0 = fixed.pixels.get();
    int r0 = fixed.runs.get();
    detector(DetectorType.YUNET, false).detect(image, DetectionMode.TILED_GUIDED, 20);
    long tiles = fixed.pixels.get() - p0;
    int tileRuns = fixed.runs.get() - r0;
    long p1 = free.pixels.get();
    int r1 = free.runs.get();
    detector(DetectorType.YUNET, true).detect(image, DetectionMode.TILED_GUIDED, 20);
    long windows = free.pixels.get() - p1;
    int windowRuns = free.runs.get() - r1;
    assertTrue(windows < tiles * 2 / 3, "windows read " + windows + " input pixels, whole tiles " + tiles);
    assertTrue(windowRuns <= tileRuns, "windows took " + windowRuns + " runs, whole tiles " + tileRuns);
  }

  private static RgbaImage sharedPhoto(String photo) {
    if (photo.startsWith("solvay@")) {
      double f = Double.parseDouble(photo.substring(7));
      RgbaImage solvay = read("solvay_conference_1927.png");
      return ImageResize.resize(solvay, (int) Math.round(solvay.width() * f), (int) Math.round(solvay.height() * f));
    }
    if (photo.startsWith("group@")) {
      String[] wh = photo.substring(6).split("x");
      return groupPhoto(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
    }
    return read(photo);
  }

  @ParameterizedTest
  @EnumSource(value = DetectorType.class, names = {"SCRFD", "RETINAFACE"})
  void guided_groupPhoto_otherDetectors_findTheFacesOfTheExhaustivePlan(DetectorType type) {
    assertSameFaces(type, false, groupPhoto(3000, 2000), true);
  }

  /**
   * Faces centred where four fine tiles overlap, each kept by one of them: the guided plan must
   * choose that tile from a coarse candidate whose centre is a few pixels off.
   */
  @ParameterizedTest
  @CsvSource({"40, false", "64, false", "40, true", "64, true"})
  void guided_faceAtTheCornerOfFourTiles_isFoundOnce(int size, boolean freeSize) {
    DetectorModel model = YuNetDecoder.bind(session(DetectorType.YUNET, false));
    GuidedPlan plan = GuidedPlan.of(model, 3000, 2000, 20);
    DetectionPlan.Tile tile = plan.fineTiles().get(0);
    List<BoundingBox> around = new ArrayList<>();
    // Just inside each of the four keep regions that meet at the first tile's bottom-right corner.
    for (int dy = -1; dy <= 1; dy += 2) {
      for (int dx = -1; dx <= 1; dx += 2) {
        around.add(square(tile.keepX1() + dx * (size * 1.3 + 2), tile.keepY1() + dy * (size * 1.3 + 2), size));
      }
    }
    for (List<BoundingBox> places : List.of(around, List.of(square(tile.keepX1(), tile.keepY1(), size)))) {
      Canvas canvas = Canvas.make(3000, 2000, new Random(size), places);
      List<DetectedFace> found =
          detector(DetectorType.YUNET, freeSize).detect(canvas.image(), DetectionMode.TILED_GUIDED, 20);
      for (BoundingBox face : canvas.faces()) {
        assertEquals(1, matches(found, face), () -> size + " px face at " + face + ": " + found);
      }
    }
  }

  private static BoundingBox square(double cx, double cy, double size) {
    return new BoundingBox(cx - size / 2, cy - size / 2, size, size);
  }

  /**
   * Both plans find as many faces, each face of one has a face of the other with an IoU above 0.5
   * (the guided plan reports a face a coarser pass resolved with that pass's box), and the guided
   * plan runs the detector less often where it has fine tiles to leave out.
   */
  private static void assertSameFaces(DetectorType type, boolean freeSize, RgbaImage image, boolean fewerRuns) {
    CountingSession session = session(type, freeSize);
    FrameDetector detector = detector(type, freeSize);
    int r0 = session.runs.get();
    List<DetectedFace> exhaustive = detector.detect(image, DetectionMode.TILED, 20);
    int r1 = session.runs.get();
    List<DetectedFace> guided = detector.detect(image, DetectionMode.TILED_GUIDED, 20);
    int r2 = session.runs.get();
    String what = type + (freeSize ? " (free size)" : "") + " on " + image.width() + "x" + image.height();
    assertEquals(exhaustive.size(), guided.size(), () -> what + ": exhaustive " + exhaustive + "\nguided " + guided);
    for (DetectedFace f : exhaustive) {
      assertTrue(guided.stream().anyMatch(g -> g.box().iou(f.box()) > 0.5), () -> what + ": guided plan lacks " + f);
    }
    for (DetectedFace g : guided) {
      assertTrue(exhaustive.stream().anyMatch(f -> f.box().iou(g.box()) > 0.5), () -> what + ": guided plan adds " + g);
    }
    if (fewerRuns) {
      assertTrue(r2 - r1 < r1 - r0, what + ": guided " + (r2 - r1) + " runs, exhaustive " + (r1 - r0));
    }
  }

  /**
   * The group photo of gpen-bench's DetectionPlanReport: the Solvay photograph at 1x and 2x (and 4x
   * from 6000 px wide) on the coffee photograph.
   */
  private static RgbaImage groupPhoto(int width, int height) {
    int[] px = ImageResize.resize(read("no_face_coffee.png"), width, height).pixels().clone();
    RgbaImage solvay = read("solvay_conference_1927.png");
    int y = 0;
    for (int factor = 1; factor <= (width >= 6000 ? 4 : 2); factor *= 2) {
      RgbaImage copy = factor == 1 ? solvay
          : ImageResize.resize(solvay, solvay.width() * factor, solvay.height() * factor);
      for (int r = 0; r < copy.height() && y + r < height; r++) {
        System.arraycopy(copy.pixels(), r * copy.width(), px, (y + r) * width, Math.min(copy.width(), width));
      }
      y += copy.height() + 20;
    }
    return RgbaImage.wrap(width, height, px, false);
  }

  private static void assertEveryFaceFoundOnce(DetectorType type, int width, int height, long seed, DetectionMode mode) {
    assertEveryFaceFoundOnce(type, false, width, height, seed, mode);
  }

  private static void assertEveryFaceFoundOnce(DetectorType type, boolean freeSize, int width, int height, long seed,
      DetectionMode mode) {
    Canvas canvas = Canvas.make(width, height, new Random(seed));
    List<DetectedFace> found = detector(type, freeSize).detect(canvas.image(), mode, 20);
    List<String> problems = new ArrayList<>();
    for (BoundingBox face : canvas.faces()) {
      int n = matches(found, face);
      if (n != 1) {
        problems.add((int) face.width() + " px face at " + (int) face.x() + "," + (int) face.y() + " found " + n
            + " times");
      }
    }
    assertTrue(problems.isEmpty(), () -> type + " " + mode + " on " + width + "x" + height + ": " + problems);
    assertEquals(canvas.faces().size(), found.size(), () -> type + " " + mode + ": extra detections " + found);
  }

  /** How many detections sit on a pasted face: centre within a third of its width, similar size. */
  private static int matches(List<DetectedFace> found, BoundingBox face) {
    int n = 0;
    for (DetectedFace f : found) {
      double dx = f.box().center().x() - face.center().x();
      double dy = f.box().center().y() - face.center().y();
      double ratio = f.box().width() / face.width();
      if (Math.hypot(dx, dy) < face.width() / 3 && ratio > 0.6 && ratio < 1.6) {
        n++;
      }
    }
    return n;
  }

  private static FrameDetector detector(DetectorType type) {
    return detector(type, false);
  }

  /** @param freeSize open it as the detect stage does, with the image size freed where the graph allows */
  private static FrameDetector detector(DetectorType type, boolean freeSize) {
    return FaceDetectors.create(type, session(type, freeSize), type == DetectorType.YUNET ? 0.7 : 0.5);
  }

  private static synchronized CountingSession session(DetectorType type, boolean freeSize) {
    return SESSIONS.computeIfAbsent(type + (freeSize ? " free" : ""), k -> {
      Path file = type == DetectorType.YUNET ? SharedData.yunet()
          : type == DetectorType.SCRFD ? SharedData.scrfd() : SharedData.retinaface();
      SessionSettings settings = SessionSettings.builder().freeImageSize(freeSize).build();
      return new CountingSession(new OnnxBackend().open(ModelSource.of(file), settings));
    });
  }

  static RgbaImage read(String name) {
    try {
      return RgbaImage.fromBufferedImage(ImageIO.read(SharedData.image(name).toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A large photograph: the coffee photo stretched over the canvas as textured background, and the
   * astronaut's face pasted at known places and sizes.
   *
   * @param image the canvas
   * @param faces where each pasted face's box is (the detector's box on the source, scaled)
   */
  record Canvas(RgbaImage image, List<BoundingBox> faces) {
    /** Each size of {@link #FACE_SIZES} twice, at random places that do not overlap. */
    static Canvas make(int width, int height, Random random) {
      List<BoundingBox> places = new ArrayList<>();
      for (int size : FACE_SIZES) {
        for (int copy = 0; copy < 2; copy++) {
          BoundingBox b;
          do {
            b = new BoundingBox(size + random.nextInt(width - 3 * size), size + random.nextInt(height - 3 * size),
                size, size);
          } while (overlapsAny(b, places));
          places.add(b);
        }
      }
      return make(width, height, random, places);
    }

    /** Faces whose detector boxes land on the given boxes (square, of the box's width). */
    static Canvas make(int width, int height, Random random, List<BoundingBox> places) {
      RgbaImage background = ImageResize.resize(read("no_face_coffee.png"), width, height);
      int[] px = background.pixels().clone();
      RgbaImage astronaut = read("astronaut.png");
      BoundingBox source = reference();
      List<BoundingBox> faces = new ArrayList<>();
      for (BoundingBox place : places) {
        // Paste a square around the face, 2.4 face widths wide, so the face keeps its context.
        double scale = place.width() / source.width();
        double side = 2.4 * source.width();
        int sx = (int) Math.round(source.center().x() - side / 2);
        int sy = (int) Math.round(source.center().y() - side / 2);
        int s = (int) Math.round(side);
        int out = (int) Math.round(side * scale);
        RgbaImage crop = ImageResize.resize(crop(astronaut, sx, sy, s), out, out);
        int ox = (int) Math.round(place.center().x() - out / 2.0);
        int oy = (int) Math.round(place.center().y() - out / 2.0);
        for (int y = 0; y < out; y++) {
          for (int x = 0; x < out; x++) {
            int tx = ox + x;
            int ty = oy + y;
            if (tx >= 0 && ty >= 0 && tx < width && ty < height) {
              px[ty * width + tx] = crop.argb(x, y);
            }
          }
        }
        double w = source.width() * scale;
        double h = source.height() * scale;
        faces.add(new BoundingBox(place.center().x() - w / 2,
            place.center().y() - h / 2, w, h));
      }
      return new Canvas(RgbaImage.wrap(width, height, px, false), List.copyOf(faces));
    }

    private static boolean overlapsAny(BoundingBox b, List<BoundingBox> others) {
      for (BoundingBox o : others) {
        // Keep the pasted squares (2.4 face widths) apart.
        double gap = 1.4 * Math.max(b.width(), o.width()) + 4;
        if (Math.abs(b.center().x() - o.center().x()) < gap && Math.abs(b.center().y() - o.center().y()) < gap) {
          return true;
        }
      }
      return false;
    }

    private static RgbaImage crop(RgbaImage image, int x0, int y0, int size) {
      int[] px = new int[size * size];
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int sx = Math.min(image.width() - 1, Math.max(0, x0 + x));
          int sy = Math.min(image.height() - 1, Math.max(0, y0 + y));
          px[y * size + x] = image.argb(sx, sy);
        }
      }
      return RgbaImage.wrap(size, size, px, false);
    }

    /** The astronaut's face as YuNet boxes it on the original photo. */
    private static BoundingBox reference() {
      List<DetectedFace> faces = detector(DetectorType.YUNET).detect(read("astronaut.png"), DetectionMode.SINGLE_PASS, 20);
      assertEquals(1, faces.size());
      return faces.get(0).box();
    }
  }

  /** Counts detector runs. */
  static final class CountingSession implements ModelSession {
    final ModelSession delegate;
    final AtomicInteger runs = new AtomicInteger();
    final AtomicLong pixels = new AtomicLong();

    CountingSession(ModelSession delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<TensorInfo> inputs() {
      return delegate.inputs();
    }

    @Override
    public List<TensorInfo> outputs() {
      return delegate.outputs();
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
      runs.incrementAndGet();
      for (Tensor t : inputs.values()) {
        long[] shape = t.shape();
        pixels.addAndGet(shape[shape.length - 1] * shape[shape.length - 2]);
      }
      return delegate.run(inputs);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
