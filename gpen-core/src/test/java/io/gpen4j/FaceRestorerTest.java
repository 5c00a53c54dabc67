package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.image.ImageResize;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.testing.ImageMetrics;
import io.gpen4j.testing.JavaTestBackend;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The restorer's geometry and contract, with an identity generator from {@link JavaTestBackend}
 * and faces placed at known positions (gpen-core has no detector runtime; gpen-onnx repeats the
 * end-to-end test with a real detector and a real ONNX identity model).
 */
final class FaceRestorerTest {
  @TempDir Path tmp;

  /** A face whose landmarks are the template's, moved by a random similarity transform. */
  static DetectedFace randomFace(Random rnd, int width, int height, double eyeDistance) {
    Landmarks unit = AlignmentTemplate.GPEN.landmarks(1000);
    double scale = eyeDistance / unit.leftEye().distanceTo(unit.rightEye());
    double angle = Math.toRadians(rnd.nextDouble() * 60 - 30);
    double cx = width * (0.2 + 0.6 * rnd.nextDouble());
    double cy = height * (0.2 + 0.6 * rnd.nextDouble());
    SimilarityTransform t = SimilarityTransform.of(scale, angle, 0, 0);
    Point c = t.apply(new Point(500, 500));
    t = new SimilarityTransform(t.a(), t.b(), cx - c.x(), cy - c.y());
    Landmarks l = unit.transform(t);
    double half = eyeDistance * 1.2;
    BoundingBox box = BoundingBox.ofCorners(cx - half, cy - half, cx + half, cy + half);
    return new DetectedFace(box, l, 0.6 + 0.4 * rnd.nextDouble());
  }

  private FaceRestorer restorer(String model, FaceDetector detector) {
    return FaceRestorer.builder()
        .backend(new JavaTestBackend())
        .generator(JavaTestBackend.writeModel(tmp, model))
        .faceDetector(detector)
        .build();
  }

  private static BufferedImage read(String name) throws IOException {
    return ImageIO.read(SharedData.image(name).toFile());
  }

  static Stream<Arguments> identityCases() {
    List<Arguments> cases = new ArrayList<>();
    for (String image : List.of("astronaut.png", "grace_hopper.jpg")) {
      for (int size : new int[] {256, 512}) {
        for (long seed = 1; seed <= 3; seed++) {
          cases.add(Arguments.of(image, size, seed));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} S={1} seed={2}")
  @MethodSource("identityCases")
  void restore_identityGenerator_returnsInputImage(String image, int size, long seed) throws IOException {
    BufferedImage input = read(image);
    Random rnd = new Random(seed);
    List<DetectedFace> faces = new ArrayList<>();
    int count = 1 + rnd.nextInt(3);
    for (int i = 0; i < count; i++) {
      // Faces no larger than the template's eye distance, so the crop does not shrink them.
      double eyes = AlignmentTemplate.GPEN.eyeDistanceRatio() * size * (0.5 + 0.5 * rnd.nextDouble());
      faces.add(randomFace(rnd, input.getWidth(), input.getHeight(), eyes));
    }
    try (FaceRestorer restorer = restorer("identity " + size, img -> faces)) {
      RestoreResult result = restorer.restore(input);
      assertEquals(count, result.faces().size());
      double psnr = ImageMetrics.psnr(input, result.image());
      assertTrue(psnr >= 40, "PSNR " + psnr + " dB < 40 dB");
      assertOutsideCropsUnchanged(input, result, size);
    }
  }

  /** Pixels that no face crop covers must be bit-identical to the input. */
  private static void assertOutsideCropsUnchanged(BufferedImage input, RestoreResult result, int size) {
    int w = input.getWidth();
    int h = input.getHeight();
    int changedOutside = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean covered = false;
        for (RestoredFace f : result.faces()) {
          Point q = f.alignment().apply(new Point(x, y));
          if (q.x() > -1 && q.y() > -1 && q.x() < size && q.y() < size) {
            covered = true;
            break;
          }
        }
        if (!covered && input.getRGB(x, y) != result.image().getRGB(x, y)) {
          changedOutside++;
        }
      }
    }
    assertEquals(0, changedOutside, "pixels changed outside every face crop");
  }

  @Test
  void restore_upscale2_facesPastedOnResizedBackground() throws IOException {
    BufferedImage input = read("astronaut.png");
    DetectedFace face = randomFace(new Random(7), input.getWidth(), input.getHeight(), 80);
    try (FaceRestorer restorer = restorer("identity 512", img -> List.of(face))) {
      RestoreResult result = restorer.restore(input, RestoreOptions.builder().upscale(2).build());
      assertEquals(input.getWidth() * 2, result.image().getWidth());
      assertEquals(input.getHeight() * 2, result.image().getHeight());
      BufferedImage background =
          ImageResize.resize(RgbaImage.fromBufferedImage(input), input.getWidth() * 2, input.getHeight() * 2).view();
      double psnr = ImageMetrics.psnr(background, result.image());
      assertTrue(psnr >= 35, "identity restore at 2x differs from the resized input: " + psnr + " dB");
    }
  }

  @Test
  void restore_fidelityZero_returnsIdenticalImage() throws IOException {
    BufferedImage input = read("grace_hopper.jpg");
    DetectedFace face = randomFace(new Random(3), input.getWidth(), input.getHeight(), 90);
    try (FaceRestorer restorer = restorer("nan 256", img -> List.of(face))) {
      RestoreResult result = restorer.restore(input, RestoreOptions.builder().fidelity(0).build());
      assertEquals(0, ImageMetrics.differingPixels(input, result.image()));
    }
  }

  @Test
  void restore_generatorReturnsNaN_keepsOriginalFaceAndReportsIt() throws IOException {
    BufferedImage input = read("astronaut.png");
    DetectedFace face = randomFace(new Random(5), input.getWidth(), input.getHeight(), 70);
    try (FaceRestorer restorer = restorer("nan 256", img -> List.of(face))) {
      RestoreResult result = restorer.restore(input);
      assertEquals(1, result.faces().size());
      assertFalse(result.faces().get(0).enhanced());
      assertEquals(0, ImageMetrics.differingPixels(input, result.image()));
    }
  }

  @Test
  void restore_selectionOptions_pickLargestFirstAndFilter() throws IOException {
    BufferedImage input = read("astronaut.png");
    Random rnd = new Random(11);
    DetectedFace small = randomFace(rnd, 512, 512, 30);
    DetectedFace medium = randomFace(rnd, 512, 512, 50);
    DetectedFace large = randomFace(rnd, 512, 512, 70);
    DetectedFace unsure = new DetectedFace(large.box(), large.landmarks(), 0.2);
    List<DetectedFace> all = List.of(small, large, unsure, medium);
    try (FaceRestorer restorer = restorer("identity 256", img -> all)) {
      RestoreOptions sure = RestoreOptions.builder().minScore(0.5).build();
      List<RestoredFace> faces = restorer.restore(input, sure).faces();
      assertEquals(List.of(large, medium, small), faces.stream().map(RestoredFace::detection).toList());

      assertEquals(List.of(large), restorer.restore(input, sure.toBuilder().onlyLargestFace().build())
          .faces().stream().map(RestoredFace::detection).toList());
      assertEquals(2, restorer.restore(input, sure.toBuilder().maxFaces(2).build()).faces().size());
      int minSize = (int) Math.ceil(medium.size());
      assertEquals(List.of(large, medium), restorer.restore(input, sure.toBuilder().minFaceSize(minSize).build())
          .faces().stream().map(RestoredFace::detection).toList());
      assertEquals(4, restorer.restore(input).faces().size(), "by default every reported face is kept");
    }
  }

  @Test
  void detectThenRestoreGivenFaces_equalsOneRestoreCall() throws IOException {
    BufferedImage input = read("astronaut.png");
    Random rnd = new Random(5);
    DetectedFace small = randomFace(rnd, 512, 512, 30);
    DetectedFace large = randomFace(rnd, 512, 512, 70);
    try (FaceRestorer restorer = restorer("identity 256", img -> List.of(small, large))) {
      RestoreOptions options = RestoreOptions.builder().minFaceSize((int) Math.ceil(large.size())).build();
      List<DetectedFace> found = restorer.detect(input, options);
      assertEquals(List.of(large), found, "detect applies the selection options");

      RestoreResult whole = restorer.restore(input, options);
      RestoreResult split = restorer.restore(input, found, options);
      assertEquals(0, ImageMetrics.differingPixels(whole.image(), split.image()));
      assertEquals(found, split.faces().stream().map(RestoredFace::detection).toList());

      List<DetectedFace> both = restorer.restore(input, List.of(small, large), options).faces().stream()
          .map(RestoredFace::detection).toList();
      assertEquals(List.of(small, large), both, "given faces are restored as given, not selected again");
      BufferedImage untouched = restorer.restore(input, List.of(), options).image();
      assertEquals(0, ImageMetrics.differingPixels(input, untouched));
    }
  }

  @Test
  void restore_progressListener_toldAfterDetectionAndEachFace() throws IOException {
    BufferedImage input = read("astronaut.png");
    Random rnd = new Random(2);
    List<DetectedFace> faces = List.of(randomFace(rnd, 512, 512, 40), randomFace(rnd, 512, 512, 60));
    List<RestoreProgress> events = new CopyOnWriteArrayList<>();
    try (FaceRestorer restorer = restorer("identity 256", img -> faces)) {
      restorer.restore(input, RestoreOptions.builder().progressListener(events::add).build());
    }
    assertEquals(List.of(new RestoreProgress(0, 2), new RestoreProgress(1, 2), new RestoreProgress(2, 2)), events);
  }

  @Test
  void restore_listenerThrows_abortsAndWritesNoFile() throws IOException {
    Path input = SharedData.image("astronaut.png");
    Path output = tmp.resolve("out.png");
    DetectedFace face = randomFace(new Random(1), 512, 512, 60);
    try (FaceRestorer restorer = restorer("identity 256", img -> List.of(face))) {
      RestoreOptions cancel = RestoreOptions.builder()
          .progressListener(p -> {
            if (p.facesDone() == 1) {
              throw new java.util.concurrent.CancellationException("user cancelled");
            }
          })
          .build();
      assertThrows(java.util.concurrent.CancellationException.class, () -> restorer.restore(input, output, cancel));
    }
    assertFalse(Files.exists(output));
    try (Stream<Path> files = Files.list(tmp)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("out")), "no temp output left");
    }
  }

  @Test
  void restore_pathToPath_writesRestoredFileAtomically() throws IOException {
    Path input = SharedData.image("grace_hopper.jpg");
    Path output = tmp.resolve("restored.png");
    DetectedFace face = randomFace(new Random(9), 512, 600, 80);
    try (FaceRestorer restorer = restorer("identity 512", img -> List.of(face))) {
      RestoreResult result = restorer.restore(input, output);
      BufferedImage written = ImageIO.read(output.toFile());
      assertEquals(0, ImageMetrics.differingPixels(result.image(), written));
      assertTrue(result.timings().decode().toNanos() > 0);
    }
  }

  @Test
  void restore_bytesOrStreamToStream_equalsPathToPathAndAppliesExifOrientation() throws IOException {
    Path input = SharedData.image("grace_hopper.jpg");
    Path output = tmp.resolve("restored.png");
    DetectedFace face = randomFace(new Random(9), 512, 600, 80);
    try (FaceRestorer restorer = restorer("identity 512", img -> List.of(face))) {
      restorer.restore(input, output);
      java.io.ByteArrayOutputStream fromBytes = new java.io.ByteArrayOutputStream();
      RestoreResult r1 = restorer.restore(Files.readAllBytes(input), fromBytes, ImageFormat.PNG, RestoreOptions.DEFAULTS);
      java.io.ByteArrayOutputStream fromStream = new java.io.ByteArrayOutputStream();
      try (var in = Files.newInputStream(input)) {
        restorer.restore(in, fromStream, ImageFormat.PNG, RestoreOptions.DEFAULTS);
      }
      BufferedImage expected = ImageIO.read(output.toFile());
      assertEquals(0, ImageMetrics.differingPixels(expected, ImageIO.read(new java.io.ByteArrayInputStream(fromBytes.toByteArray()))));
      assertEquals(0, ImageMetrics.differingPixels(expected, ImageIO.read(new java.io.ByteArrayInputStream(fromStream.toByteArray()))));
      assertEquals(1, r1.faces().size());

      // An EXIF-rotated JPEG comes out upright, as from a file.
      byte[] rotated = io.gpen4j.testing.TestImages.withExifOrientation(
          io.gpen4j.testing.TestImages.jpeg(read("grace_hopper.jpg"), false), 6);
      java.io.ByteArrayOutputStream upright = new java.io.ByteArrayOutputStream();
      RestoreResult r2 = restorer.restore(rotated, upright, ImageFormat.JPEG, RestoreOptions.DEFAULTS);
      assertEquals(600, r2.image().getWidth());
      assertEquals(512, r2.image().getHeight());

    }
  }

  @Test
  void restore_bytesNotAnImage_failsNamingTheInputAndWritesNothing() {
    DetectedFace face = randomFace(new Random(9), 512, 600, 80);
    try (FaceRestorer restorer = restorer("identity 256", img -> List.of(face))) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      ImageDecodeException e = assertThrows(ImageDecodeException.class,
          () -> restorer.restore("not a photo".getBytes(java.nio.charset.StandardCharsets.US_ASCII), out,
              ImageFormat.PNG, RestoreOptions.DEFAULTS));
      assertTrue(e.getMessage().contains("the input bytes"), e.getMessage());
      assertEquals(0, out.size());
    }
  }

  @Test
  void restore_alphaChannel_keptInOutput() throws IOException {
    BufferedImage input = read("solvay_conference_1927.png");
    assertTrue(input.getColorModel().hasAlpha());
    DetectedFace face = randomFace(new Random(4), input.getWidth(), input.getHeight(), 40);
    try (FaceRestorer restorer = restorer("identity 256", img -> List.of(face))) {
      BufferedImage out = restorer.restore(input).image();
      assertTrue(out.getColorModel().hasAlpha());
      for (int y = 0; y < input.getHeight(); y += 7) {
        for (int x = 0; x < input.getWidth(); x += 7) {
          assertEquals(input.getRGB(x, y) >>> 24, out.getRGB(x, y) >>> 24);
        }
      }
    }
  }

  @Test
  void restore_sharedByEightThreads_givesSameResultsAsOneThread() throws Exception {
    List<BufferedImage> inputs = List.of(read("astronaut.png"), read("grace_hopper.jpg"));
    Random rnd = new Random(21);
    List<List<DetectedFace>> faces = List.of(
        List.of(randomFace(rnd, 512, 512, 60), randomFace(rnd, 512, 512, 45)),
        List.of(randomFace(rnd, 512, 600, 70)));
    // The detector answers by image size: each thread's faces must come back in its own result.
    FaceDetector detector = img -> img.getHeight() == 512 ? faces.get(0) : faces.get(1);
    try (FaceRestorer restorer = restorer("identity 256", detector)) {
      List<BufferedImage> expected = List.of(restorer.restore(inputs.get(0)).image(), restorer.restore(inputs.get(1)).image());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int which = t % 2;
          futures.add(pool.submit(() -> {
            int diffs = 0;
            for (int r = 0; r < 5; r++) {
              diffs += ImageMetrics.differingPixels(expected.get(which), restorer.restore(inputs.get(which)).image());
            }
            return diffs;
          }));
        }
        for (Future<Integer> f : futures) {
          assertEquals(0, f.get(120, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void restore_imageOverPixelLimit_rejectedBeforeWork() {
    DetectedFace face = randomFace(new Random(1), 512, 512, 60);
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend(new JavaTestBackend())
        .generator(JavaTestBackend.writeModel(tmp, "identity 256"))
        .faceDetector(img -> List.of(face))
        .maxImagePixels(1000)
        .build()) {
      ImageTooLargeException e = assertThrows(ImageTooLargeException.class,
          () -> restorer.restore(new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB)));
      assertTrue(e.getMessage().contains("1000"), e.getMessage());
    }
  }

  @Test
  void restore_afterClose_failsWithClosedMessage() {
    FaceRestorer restorer = restorer("identity 256", img -> List.of());
    restorer.close();
    restorer.close();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> restorer.restore(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB)));
    assertTrue(e.getMessage().contains("closed"));
  }

  @Test
  void restore_noFaces_returnsCopyOfInput() {
    BufferedImage input = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    input.setRGB(3, 4, 0x123456);
    try (FaceRestorer restorer = restorer("identity 256", img -> List.of())) {
      RestoreResult result = restorer.restore(input);
      assertTrue(result.faces().isEmpty());
      assertEquals(0, ImageMetrics.differingPixels(input, result.image()));
    }
  }

  @Test
  void restore_detectorReturnsFaceOutsideImage_ignoresIt() {
    BufferedImage input = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    DetectedFace outside = randomFace(new Random(1), 200, 200, 40).scale(10);
    try (FaceRestorer restorer = restorer("identity 256", img -> List.of(outside))) {
      assertTrue(restorer.restore(input).faces().isEmpty());
    }
  }

  @Test
  void build_generatorWithWrongShape_failsNamingExpectedAndActual() {
    ModelException e = assertThrows(ModelException.class,
        () -> restorer("shape 1,3,256,128", img -> List.of()));
    assertTrue(e.getMessage().contains("[1,3,256,128]"), e.getMessage());
    assertTrue(e.getMessage().contains("[1,3,S,S]"), e.getMessage());
  }

  @Test
  void build_unknownBackendName_listsNoneOrAvailable() {
    BackendException e = assertThrows(BackendException.class, () -> FaceRestorer.builder()
        .backend("no-such-backend")
        .generator(JavaTestBackend.writeModel(tmp, "identity 256"))
        .faceDetector(img -> List.of())
        .build());
    assertTrue(e.getMessage().contains("backend"), e.getMessage());
  }

  @Test
  void build_withoutGenerator_saysWhatIsMissing() {
    IllegalStateException noGen = assertThrows(IllegalStateException.class,
        () -> FaceRestorer.builder().faceDetector(img -> List.of()).build());
    assertTrue(noGen.getMessage().contains("generator"));
  }

  @Test
  void restore_timings_comeFromTheInjectedTicker() throws IOException {
    BufferedImage input = read("astronaut.png");
    DetectedFace face = randomFace(new Random(8), 512, 512, 60);
    long[] now = {0};
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend(new JavaTestBackend())
        .generator(JavaTestBackend.writeModel(tmp, "identity 256"))
        .faceDetector(img -> List.of(face))
        .ticker(() -> now[0] += 1_000_000)
        .build()) {
      RestoreResult r = restorer.restore(input);
      // Every stage reads the ticker at least twice, so each took at least one 1 ms tick.
      assertTrue(r.timings().detect().toMillis() >= 1);
      assertTrue(r.faces().get(0).timings().align().toMillis() >= 1);
      assertTrue(r.faces().get(0).timings().enhance().toMillis() >= 1);
      assertTrue(r.timings().paste().toMillis() >= 1);
    }
  }
}
