package io.gpen4j.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreOptions;
import io.gpen4j.testing.SharedData;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link MemoryEstimate} with the heap's measured peak while a real restore (random-weight
 * GPEN-256, YuNet) runs on photos of a few sizes: the estimate must not be under the peak, and not
 * wastefully over it.
 *
 * <p>The peak is the sum of the heap pools' peak usage after a full collection and a reset, less
 * what was in use before: it counts garbage not yet collected, as the process's memory does (the
 * least of three runs, so one run's unlucky collector timing does not fail the test).
 */
final class MemoryEstimateTest {
  /** How far over the measured peak the estimate may be. */
  private static final double MAX_OVERESTIMATE = 3.0;

  @TempDir static Path temp;
  private static FaceRestorer restorer;

  @BeforeAll
  static void open() {
    restorer = FaceRestorer.builder()
        .generator(SharedData.randomGpen256())
        .detector(DetectorType.YUNET, SharedData.yunet())
        .build();
  }

  @AfterAll
  static void close() {
    if (restorer != null) {
      restorer.close();
    }
  }

  private static Path photo(int side) throws IOException {
    BufferedImage src = ImageIO.read(SharedData.image("astronaut.png").toFile());
    BufferedImage scaled = new BufferedImage(side, side, BufferedImage.TYPE_3BYTE_BGR);
    var g = scaled.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(src, 0, 0, side, side, null);
    g.dispose();
    Path file = temp.resolve("astronaut-" + side + ".png");
    ImageIO.write(scaled, "png", file.toFile());
    return file;
  }

  private static long heapUsed(List<MemoryPoolMXBean> pools, boolean peak) {
    long sum = 0;
    for (MemoryPoolMXBean p : pools) {
      sum += peak ? p.getPeakUsage().getUsed() : p.getUsage().getUsed();
    }
    return sum;
  }

  private static long measuredPeak(Path input, int upscale) throws IOException {
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    Path output = temp.resolve("out-" + input.getFileName());
    restorer.restore(input, output, RestoreOptions.builder().upscale(upscale).build()); // warm up
    // Garbage only ever adds to a run's peak, and how much depends on when the collector ran: the
    // least of three runs is the one closest to what the restore itself holds.
    long least = Long.MAX_VALUE;
    for (int run = 0; run < 3; run++) {
      System.gc();
      long before = heapUsed(heap, false);
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      restorer.restore(input, output, RestoreOptions.builder().upscale(upscale).build());
      least = Math.min(least, heapUsed(heap, true) - before);
    }
    return least;
  }

  @Test
  void peakBytes_isAboveTheMeasuredPeakAndWithinAFactorOfIt() throws IOException {
    int[][] cases = {{512, 1}, {1024, 1}, {2048, 1}, {1024, 2}};
    StringBuilder table = new StringBuilder("side upscale estimateMB measuredMB ratio\n");
    for (int[] c : cases) {
      Path input = photo(c[0]);
      long estimate = MemoryEstimate.peakBytes(c[0], c[0], Files.size(input), c[1], restorer.modelSize());
      long measured = measuredPeak(input, c[1]);
      double ratio = (double) estimate / measured;
      table.append(String.format(Locale.ROOT, "%d %d %.1f %.1f %.2f%n", c[0], c[1], estimate / 1e6,
          measured / 1e6, ratio));
    }
    System.out.print(table);
    for (String line : table.toString().lines().skip(1).toList()) {
      double ratio = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      assertTrue(ratio >= 1.0 && ratio <= MAX_OVERESTIMATE, "estimate vs measured peak:\n" + table);
    }
  }

  /** A PNG that is all header: signature and IHDR (8-bit RGB), no pixel data. */
  private static byte[] pngHeaderOnly(int width, int height) {
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(ihdr.array());
    java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13).put(ihdr.array())
        .putInt((int) crc.getValue());
    return png.array();
  }

  @Test
  void restore_overTheMemoryBudget_failsFromTheHeaderBeforeDecoding() {
    try (FaceRestorer small = FaceRestorer.builder()
        .generator(SharedData.randomGpen256())
        .detector(DetectorType.YUNET, SharedData.yunet())
        .memoryBudget(256L << 20)
        .build()) {
      io.gpen4j.ImageTooLargeException e = org.junit.jupiter.api.Assertions.assertThrows(
          io.gpen4j.ImageTooLargeException.class,
          () -> small.restore(pngHeaderOnly(9999, 9999), new java.io.ByteArrayOutputStream(),
              io.gpen4j.ImageFormat.PNG, RestoreOptions.DEFAULTS));

      // Refused from the header: a truncation error would mean the pixels were about to be read.
      assertTrue(e.getMessage().contains("(9999x9999, upscale 1): it needs about 1,2"), e.getMessage());
      assertTrue(e.getMessage().contains("over the memory budget of 268 MB"), e.getMessage());
    }
  }
}
