package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorStage;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceMask;
import io.gpen4j.FaceRestorer;
import io.gpen4j.Frame;
import io.gpen4j.GeneratorStage;
import io.gpen4j.Limits;
import io.gpen4j.ParserStage;
import io.gpen4j.RestoreOptions;
import io.gpen4j.models.ParserFamily;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Restores the photos of {@code ../shared/images} and a short clip with the random-weight
 * GPEN-256 and YuNet, and checks that every output pixel equals what the tree gave before the
 * configuration rework (issue 22), through the deprecated builder setters and through the stage
 * values that replace them (and, for detect-then-restore, through a {@link Frame}): the SHA-256 of each result's pixels is compared with
 * {@code restore-checksums.properties}, recorded from main before the change. The digests it computes
 * are written to {@code target/restore-checksums.properties}, so a deliberate change of output can
 * be recorded by copying that file.
 */
final class RestoreChecksumTest {
  private static final List<String> PHOTOS =
      List.of("astronaut.png", "grace_hopper.jpg", "solvay_conference_1927.png", "no_face_coffee.png");

  @TempDir static Path tmp;
  private static final Map<String, String> actual = new TreeMap<>();

  private static Properties expected;

  @BeforeAll
  static void load() throws IOException {
    expected = new Properties();
    try (InputStream in = RestoreChecksumTest.class.getResourceAsStream("restore-checksums.properties")) {
      if (in != null) {
        expected.load(in);
      }
    }
  }

  /** The random-weight GPEN-256 with YuNet, through the deprecated setters or the stage values. */
  @SuppressWarnings("deprecation")
  private static FaceRestorer.Builder randomGpen(boolean stages) {
    return stages
        ? FaceRestorer.builder().generator(GeneratorStage.of(SharedData.randomGpen256()))
            .detector(DetectorStage.of(DetectorType.YUNET, SharedData.yunet()))
        : FaceRestorer.builder().generator(SharedData.randomGpen256())
            .detector(DetectorType.YUNET, SharedData.yunet());
  }

  private static Path testModel(String file) {
    return Paths.get(System.getProperty("gpen4j.repo", "..")).resolve("models/test/" + file);
  }

  @ParameterizedTest(name = "stage values: {0}")
  @ValueSource(booleans = {false, true})
  void photos_filePath_defaultOptions_pixelsAsRecorded(boolean stages) throws IOException {
    Map<String, String> got = new LinkedHashMap<>();
    try (FaceRestorer restorer = randomGpen(stages).build()) {
      for (String photo : PHOTOS) {
        Path out = tmp.resolve("file-" + photo + ".png");
        got.put("file.default." + photo, digest(restorer.restore(SharedData.image(photo), out).image()));
        got.put("file.default.written." + photo, digest(ImageIO.read(out.toFile())));
      }
    }
    check(got);
  }

  @ParameterizedTest(name = "stage values: {0}")
  @ValueSource(booleans = {false, true})
  @SuppressWarnings("deprecation")
  void photos_inMemory_upscaleColourMatchFidelity_pixelsAsRecorded(boolean stages) throws IOException {
    RestoreOptions options = RestoreOptions.builder().upscale(2).colorMatching(true).fidelity(0.5).build();
    Map<String, String> got = new LinkedHashMap<>();
    FaceRestorer.Builder builder = stages
        ? randomGpen(true).limits(Limits.defaults().withMaxBatchSize(1))
        : randomGpen(false).maxBatchSize(1);
    try (FaceRestorer restorer = builder.build()) {
      for (String photo : PHOTOS) {
        BufferedImage image = ImageIO.read(SharedData.image(photo).toFile());
        got.put("memory.x2.colour." + photo, digest(restorer.restore(image, options).image()));
        if (stages) {
          // One conversion for detect and restore.
          Frame frame = restorer.frame(image);
          List<DetectedFace> faces = restorer.detect(frame, RestoreOptions.DEFAULTS);
          got.put("memory.detect." + photo, digest(faces.toString()));
          got.put("memory.givenFaces." + photo, digest(restorer.restore(frame, faces, RestoreOptions.DEFAULTS).image()));
        } else {
          List<DetectedFace> faces = restorer.detect(image, RestoreOptions.DEFAULTS);
          got.put("memory.detect." + photo, digest(faces.toString()));
          got.put("memory.givenFaces." + photo, digest(restorer.restore(image, faces, RestoreOptions.DEFAULTS).image()));
        }
      }
    }
    check(got);
  }

  @ParameterizedTest(name = "stage values: {0}")
  @ValueSource(booleans = {false, true})
  @SuppressWarnings("deprecation")
  void photos_parserAndScrfd_pixelsAsRecorded(boolean stages) throws IOException {
    RestoreOptions options = RestoreOptions.builder().faceMask(FaceMask.PARSING).build();
    Map<String, String> got = new LinkedHashMap<>();
    FaceRestorer.Builder builder = stages
        ? FaceRestorer.builder().generator(GeneratorStage.of(SharedData.randomGpen256()))
            .detector(DetectorStage.of(DetectorType.SCRFD, SharedData.scrfd()))
            .faceParser(ParserStage.of(testModel("parser-blocks-512.onnx"), ParserFamily.BISENET))
        : FaceRestorer.builder().generator(SharedData.randomGpen256())
            .detector(DetectorType.SCRFD, SharedData.scrfd())
            .faceParser(testModel("parser-blocks-512.onnx"), ParserFamily.BISENET);
    try (FaceRestorer restorer = builder.build()) {
      for (String photo : List.of("astronaut.png", "grace_hopper.jpg")) {
        BufferedImage image = ImageIO.read(SharedData.image(photo).toFile());
        got.put("parser.scrfd." + photo, digest(restorer.restore(image, options).image()));
      }
    }
    check(got);
  }

  @Test
  void clip_fileAndStream_pixelsAsRecorded() {
    Path in = tmp.resolve("clip.mp4");
    List<BufferedImage> source = TestClips.write(in, TestClips.Recipe.of("grace_hopper.jpg", 6).fps(10));
    Path out = tmp.resolve("clip-out.mp4");
    Map<String, String> got = new LinkedHashMap<>();
    try (FaceRestorer faces = randomGpen(true).build()) {
      VideoRestorer video = VideoRestorer.builder(faces).build();
      video.restore(in, out, VideoOptions.DEFAULTS);
      List<BufferedImage> decoded = TestClips.decode(out);
      for (int i = 0; i < decoded.size(); i++) {
        got.put("clip.file.frame" + i, digest(decoded.get(i)));
      }
      try (FrameStream stream = video.openStream(VideoOptions.DEFAULTS)) {
        for (int i = 0; i < source.size(); i++) {
          got.put("clip.stream.frame" + i, digest(stream.restore(source.get(i), i * 100_000L).image()));
        }
      }
    }
    check(got);
  }

  private static void check(Map<String, String> got) {
    synchronized (actual) {
      actual.putAll(got);
      record();
    }
    List<String> wrong = new ArrayList<>();
    got.forEach((key, value) -> {
      if (!value.equals(expected.getProperty(key))) {
        wrong.add(key + ": expected " + expected.getProperty(key) + ", got " + value);
      }
    });
    assertEquals(List.of(), wrong, "outputs differ from those recorded before the change");
  }

  private static void record() {
    StringBuilder sb = new StringBuilder("# SHA-256 of restored pixels; see RestoreChecksumTest\n");
    actual.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    try {
      Path target = Paths.get("target");
      Files.createDirectories(target);
      Files.writeString(target.resolve("restore-checksums.properties"), sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SHA-256 of a text, such as a list of detected faces. */
  static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The SHA-256 of the image's size and ARGB pixels. */
  static String digest(BufferedImage image) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      int w = image.getWidth();
      int h = image.getHeight();
      md.update(ByteBuffer.allocate(8).putInt(w).putInt(h).array());
      int[] row = new int[w];
      ByteBuffer bytes = ByteBuffer.allocate(4 * w);
      for (int y = 0; y < h; y++) {
        image.getRGB(0, y, w, 1, row, 0, w);
        bytes.clear();
        bytes.asIntBuffer().put(row);
        md.update(bytes.array());
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
