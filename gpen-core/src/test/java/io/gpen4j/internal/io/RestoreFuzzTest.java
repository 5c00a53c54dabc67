package io.gpen4j.internal.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.FaceDetector;
import io.gpen4j.FaceRestorer;
import io.gpen4j.ImageDecodeException;
import io.gpen4j.ImageTooLargeException;
import io.gpen4j.Landmarks;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.testing.JavaTestBackend;
import io.gpen4j.testing.LongRun;
import io.gpen4j.testing.SharedData;
import io.gpen4j.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded fuzzing of real image files through {@code FaceRestorer.restore(Path, Path)}: bytes of the
 * shared photographs and of small files in every supported format and pixel layout are flipped,
 * overwritten, cut, inserted, deleted, duplicated and spliced. Each case must either restore and
 * write a readable file, or fail with {@link ImageDecodeException} (or its subclass
 * {@link ImageTooLargeException}) naming the file, and then write nothing. Any other exception, a
 * case that runs past its time limit (a hang), or a crash of the JVM fails the build.
 *
 * <p>The normal build runs {@value #NORMAL_CASES} cases; long-run mode ({@code -Dgpen4j.longRun=true})
 * runs {@value #LONG_RUN_CASES}; {@code -Dgpen4j.fuzzCases=N} sets any count and
 * {@code -Dgpen4j.fuzzSeed=S} another seed. A failure names the case's seed, so it can be replayed.
 */
final class RestoreFuzzTest {
  static final int NORMAL_CASES = 500;
  static final int LONG_RUN_CASES = 20_000;

  /** Far above any case's honest cost (tens of milliseconds); only a hang reaches it. */
  private static final long CASE_TIMEOUT_SECONDS = 60;

  private static final Logger LOG = LoggerFactory.getLogger(RestoreFuzzTest.class);

  @TempDir Path dir;

  /** One upright template face in the middle of whatever image it is given. */
  private static final FaceDetector CENTRED_FACE = image -> {
    double eyes = 0.2 * Math.min(image.getWidth(), image.getHeight());
    Landmarks unit = AlignmentTemplate.GPEN.landmarks(1000);
    double scale = eyes / unit.leftEye().distanceTo(unit.rightEye());
    double cx = image.getWidth() / 2.0;
    double cy = image.getHeight() / 2.0;
    return List.of(new DetectedFace(BoundingBox.ofCorners(cx - eyes, cy - eyes, cx + eyes, cy + eyes),
        unit.transform(new SimilarityTransform(scale, 0, cx - 500 * scale, cy - 500 * scale)), 0.9));
  };

  /** The files to damage, by name (the extension is kept on the damaged copy). */
  private static Map<String, byte[]> seeds() throws IOException {
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    for (String shared : List.of("astronaut.png", "grace_hopper.jpg", "no_face_coffee.png")) {
      seeds.put(shared, Files.readAllBytes(SharedData.image(shared)));
    }
    BufferedImage photo = ImageIO.read(SharedData.image("astronaut.png").toFile());
    BufferedImage small = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
    small.createGraphics().drawImage(photo, 0, 0, 96, 96, null);
    BufferedImage palette = new BufferedImage(96, 96, BufferedImage.TYPE_BYTE_INDEXED);
    palette.createGraphics().drawImage(small, 0, 0, null);
    BufferedImage grey16 = new BufferedImage(96, 96, BufferedImage.TYPE_USHORT_GRAY);
    grey16.createGraphics().drawImage(small, 0, 0, null);
    seeds.put("baseline.jpg", TestImages.jpeg(small, false));
    seeds.put("progressive.jpg", TestImages.jpeg(small, true));
    seeds.put("exif-6.jpg", TestImages.withExifOrientation(TestImages.jpeg(small, false), 6));
    seeds.put("cmyk.jpg", CmykJpegs.patches(new int[][] {{0, 0, 0, 0}, {200, 30, 0, 10}, {0, 0, 255, 40}}, false));
    seeds.put("ycck.jpg", CmykJpegs.patches(new int[][] {{10, 200, 30, 0}, {0, 0, 0, 255}}, true));
    seeds.put("rgb.png", TestImages.encode(small, "png"));
    seeds.put("palette.png", TestImages.encode(palette, "png"));
    seeds.put("grey16.png", TestImages.encode(grey16, "png"));
    seeds.put("exif-8.png", PngChunks.withChunkAfterHeader(
        TestImages.encode(small, "png"), "eXIf", PngChunks.exifOrientation(8)));
    seeds.put("image.gif", TestImages.encode(palette, "gif"));
    seeds.put("image.bmp", TestImages.encode(small, "bmp"));
    seeds.put("lossy.webp", WebPs.encode(small, 80, false));
    seeds.put("lossless.webp", WebPs.encode(small, 101, false));
    return seeds;
  }

  @Test
  void restore_damagedImages_restoreOrFailWithDecodeExceptionAndNeverHang() throws Exception {
    int cases = LongRun.cases(NORMAL_CASES, LONG_RUN_CASES);
    long baseSeed = Long.getLong("gpen4j.fuzzSeed", 20240611L);
    Map<String, byte[]> seeds = seeds();
    List<String> names = new ArrayList<>(seeds.keySet());
    Path in = Files.createDirectories(dir.resolve("in"));
    Path out = Files.createDirectories(dir.resolve("out"));
    List<String> failures = new ArrayList<>();
    int restored = 0;
    int rejected = 0;
    int tooLarge = 0;
    ExecutorService worker = newWorker();
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend(new JavaTestBackend())
        .generator(JavaTestBackend.writeModel(dir, "identity 256"))
        .faceDetector(CENTRED_FACE)
        // Bounds what one damaged header can make the decoder allocate (64 MB of pixels).
        .maxImagePixels(16_000_000)
        .build()) {
      for (int c = 0; c < cases && failures.size() < 20; c++) {
        long seed = baseSeed + c;
        Random random = new Random(seed);
        String source = names.get(random.nextInt(names.size()));
        byte[] damaged = damage(seeds.get(source), seeds.get(names.get(random.nextInt(names.size()))), random);
        Path file = in.resolve("case-" + c + "-" + source);
        Files.write(file, damaged);
        Path target = out.resolve("case-" + c + ".bmp");
        String what = "case " + c + " (seed " + seed + ", " + source + ", " + damaged.length + " bytes)";
        Future<?> run = worker.submit(() -> {
          restorer.restore(file, target);
          return null;
        });
        try {
          run.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
          if (ImageIO.read(target.toFile()) == null) {
            failures.add(what + ": restored, but the written file is unreadable");
          }
          restored++;
        } catch (TimeoutException e) {
          failures.add(what + ": still running after " + CASE_TIMEOUT_SECONDS + " s (hang)");
          run.cancel(true);
          // A hung reader may never return: leave its daemon thread behind and carry on.
          worker.shutdownNow();
          worker = newWorker();
        } catch (ExecutionException e) {
          Throwable t = e.getCause();
          if (t instanceof ImageDecodeException) {
            if (t instanceof ImageTooLargeException) {
              tooLarge++;
            } else {
              rejected++;
            }
            if (!t.getMessage().contains(file.getFileName().toString())) {
              failures.add(what + ": message does not name the file: " + t.getMessage());
            }
          } else {
            failures.add(what + ": escaped as " + t);
            LOG.error("{} escaped", what, t);
          }
        }
        try (Stream<Path> left = Files.list(out)) {
          List<Path> written = left.toList();
          boolean ok = written.isEmpty() || (written.size() == 1 && written.get(0).equals(target));
          if (!ok) {
            failures.add(what + ": unexpected files in the output folder: " + written);
          }
        }
        Files.deleteIfExists(target);
        Files.delete(file);
      }
    } finally {
      worker.shutdownNow();
    }
    LOG.info("fuzzed {} cases: {} restored, {} rejected as undecodable, {} as too large, {} failures",
        cases, restored, rejected, tooLarge, failures.size());
    assertTrue(failures.isEmpty(), failures.size() + " fuzz failures:\n" + String.join("\n", failures));
    assertTrue(rejected > cases / 10, "the damage must break a good share of the files: " + rejected);
    assertTrue(restored > cases / 20, "some damage must leave files decodable: " + restored);
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-case");
      t.setDaemon(true);
      return t;
    });
  }

  /** One to three random mutations of a valid file; {@code other} is another file to splice from. */
  static byte[] damage(byte[] valid, byte[] other, Random random) {
    byte[] b = valid.clone();
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations && b.length > 1; m++) {
      int n = b.length;
      switch (random.nextInt(8)) {
        case 0 -> { // flip bits
          int flips = 1 + random.nextInt(16);
          for (int i = 0; i < flips; i++) {
            b[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> { // overwrite bytes with noise
          int at = random.nextInt(n);
          for (int i = at; i < Math.min(n, at + 1 + random.nextInt(32)); i++) {
            b[i] = (byte) random.nextInt(256);
          }
        }
        case 2 -> b = Arrays.copyOf(b, 1 + random.nextInt(n - 1)); // cut
        case 3 -> { // insert noise
          int at = random.nextInt(n);
          byte[] noise = new byte[1 + random.nextInt(64)];
          random.nextBytes(noise);
          b = concat(Arrays.copyOfRange(b, 0, at), noise, Arrays.copyOfRange(b, at, n));
        }
        case 4 -> { // delete a range
          int at = random.nextInt(n);
          int len = Math.min(n - at, 1 + random.nextInt(Math.max(1, n / 8)));
          b = concat(Arrays.copyOfRange(b, 0, at), Arrays.copyOfRange(b, at + len, n));
        }
        case 5 -> { // duplicate a range somewhere else
          int from = random.nextInt(n);
          int len = Math.min(n - from, 1 + random.nextInt(256));
          int to = random.nextInt(n);
          b = concat(Arrays.copyOfRange(b, 0, to), Arrays.copyOfRange(b, from, from + len), Arrays.copyOfRange(b, to, n));
        }
        case 6 -> { // boundary values in the header, where sizes and lengths live
          int at = random.nextInt(Math.min(n, 512));
          byte[] value = switch (random.nextInt(5)) {
            case 0 -> new byte[] {0};
            case 1 -> new byte[] {(byte) 0xFF};
            case 2 -> new byte[] {0x7F, (byte) 0xFF};
            case 3 -> new byte[] {(byte) 0x80, 0, 0, 0};
            default -> new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
          };
          for (int i = 0; i < value.length && at + i < n; i++) {
            b[at + i] = value[i];
          }
        }
        default -> { // splice: this file's head, another file's tail
          int cut = random.nextInt(n);
          int from = random.nextInt(other.length);
          b = concat(Arrays.copyOfRange(b, 0, cut), Arrays.copyOfRange(other, from, other.length));
        }
      }
    }
    return b.length == 0 ? new byte[] {0} : b;
  }

  private static byte[] concat(byte[]... parts) {
    int total = 0;
    for (byte[] p : parts) {
      total += p.length;
    }
    byte[] all = new byte[total];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
