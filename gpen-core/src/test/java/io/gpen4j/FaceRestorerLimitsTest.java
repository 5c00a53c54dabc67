package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.JavaTestBackend;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource limits and cancellation: the pixel and face caps hold before memory is allocated, and a
 * cancelled call (interrupt or throwing listener) leaves no output behind.
 */
final class FaceRestorerLimitsTest {
  @TempDir Path tmp;

  private final JavaTestBackend backend = new JavaTestBackend();

  private FaceRestorer.Builder builder(FaceDetector detector) {
    return FaceRestorer.builder()
        .backend(backend)
        .generator(JavaTestBackend.writeModel(tmp, "identity 256"))
        .faceDetector(detector);
  }

  private static List<DetectedFace> faces(int count, long seed) {
    Random rnd = new Random(seed);
    List<DetectedFace> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(FaceRestorerTest.randomFace(rnd, 512, 512, 20 + i));
    }
    return list;
  }

  private void assertNothingWritten(Path output) throws IOException {
    assertFalse(Files.exists(output), output + " was written");
    try (Stream<Path> files = Files.list(output.getParent())) {
      List<Path> left = files.filter(p -> p.getFileName().toString().contains(output.getFileName().toString())).toList();
      assertTrue(left.isEmpty(), "temporary output left: " + left);
    }
  }

  @Test
  void restore_moreFacesThanTheCap_restoresOnlyTheLargestAndRunsTheGeneratorThatOften() throws IOException {
    List<DetectedFace> found = faces(40, 1);
    BufferedImage input = ImageIO.read(SharedData.image("astronaut.png").toFile());
    try (FaceRestorer restorer = builder(img -> found).maxFacesPerImage(5).build()) {
      RestoreResult result = restorer.restore(input);

      assertEquals(5, result.faces().size());
      assertEquals(5, backend.runs(), "the generator ran for faces over the cap");
      double smallestKept = result.faces().stream().mapToDouble(f -> f.box().area()).min().orElseThrow();
      long larger = found.stream().filter(f -> f.box().area() > smallestKept).count();
      assertEquals(4, larger, "the cap must keep the largest faces");

      assertEquals(3, restorer.restore(input, RestoreOptions.builder().maxFaces(3).build()).faces().size(),
          "a per-call limit under the cap still applies");
      assertEquals(5, restorer.restore(input, RestoreOptions.builder().maxFaces(30).build()).faces().size(),
          "a per-call limit cannot lift the cap");
    }
  }

  @Test
  void build_maxFacesPerImageNotPositive_rejectedNamingTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FaceRestorer.builder().maxFacesPerImage(0));
    assertTrue(e.getMessage().contains("maxFacesPerImage") && e.getMessage().contains("0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FaceRestorer.builder().maxFacesPerImage(-3));
  }

  @Test
  void build_maxImagePixelsAboveWhatAnImageCanHold_rejectedAtOnce() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FaceRestorer.builder().maxImagePixels(Long.MAX_VALUE));
    assertTrue(e.getMessage().contains("maxImagePixels"), e.getMessage());
  }

  @Test
  void restore_upscaledOutputTooLargeForOneImage_rejectedBeforeCopyingPixels() {
    // 12000x12000 at one bit a pixel is 18 MB; upscaled 4x it would be 2.3 billion pixels, which
    // no int[] holds. Without the check the call copies 576 MB, detects, then overflows resizing.
    BufferedImage huge = new BufferedImage(12000, 12000, BufferedImage.TYPE_BYTE_BINARY);
    AtomicInteger detections = new AtomicInteger();
    try (FaceRestorer restorer = builder(img -> {
      detections.incrementAndGet();
      return List.of();
    }).maxImagePixels(200_000_000L).build()) {
      ImageTooLargeException e = assertThrows(ImageTooLargeException.class,
          () -> restorer.restore(huge, RestoreOptions.builder().upscale(4).build()));
      assertTrue(e.getMessage().contains("12000x12000") && e.getMessage().contains("upscaled 4x"), e.getMessage());
      assertEquals(0, detections.get());
    }
  }

  @Test
  void restore_fileWhoseUpscaledOutputIsTooLarge_rejectedFromItsHeader() throws IOException {
    Path input = tmp.resolve("claims-12000.png");
    Files.write(input, pngClaiming(12000, 12000));
    Path output = tmp.resolve("out.png");
    // A budget of 1 TB: here the pixel limits decide, not the memory the photo would take.
    try (FaceRestorer restorer = builder(img -> List.of()).maxImagePixels(200_000_000L).memoryBudget(1L << 40)
        .build()) {
      ImageTooLargeException e = assertThrows(ImageTooLargeException.class,
          () -> restorer.restore(input, output, RestoreOptions.builder().upscale(4).build()));
      assertTrue(e.getMessage().contains("12000x12000") && e.getMessage().contains("4x upscaled"), e.getMessage());
      // Upscale 1 passes the header check and fails on the missing pixel data instead.
      ImageDecodeException plain = assertThrows(ImageDecodeException.class,
          () -> restorer.restore(input, output));
      assertFalse(plain instanceof ImageTooLargeException, plain.getMessage());
    }
    assertNothingWritten(output);
  }

  @Test
  void restore_unsupportedOutputExtension_rejectedBeforeReadingTheInput() {
    AtomicInteger detections = new AtomicInteger();
    try (FaceRestorer restorer = builder(img -> {
      detections.incrementAndGet();
      return List.of();
    }).build()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> restorer.restore(tmp.resolve("missing-input.png"), tmp.resolve("out.webp")));
      assertTrue(e.getMessage().contains("out.webp") && e.getMessage().contains("png"), e.getMessage());
      assertEquals(0, detections.get());
    }
  }

  @Test
  void restore_threadAlreadyInterrupted_failsBeforeDetectionAndWritesNothing() throws Exception {
    Path output = tmp.resolve("out.png");
    AtomicInteger detections = new AtomicInteger();
    try (FaceRestorer restorer = builder(img -> {
      detections.incrementAndGet();
      return faces(3, 2);
    }).build()) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
      Thread worker = new Thread(() -> {
        Thread.currentThread().interrupt();
        try {
          restorer.restore(SharedData.image("astronaut.png"), output);
        } catch (Throwable t) {
          thrown.set(t);
        }
        stillInterrupted.set(Thread.currentThread().isInterrupted());
      });
      worker.start();
      worker.join(60_000);
      RestorationException e = assertInstanceOf(RestorationException.class, thrown.get());
      assertTrue(e.getMessage().contains("interrupted before detection"), e.getMessage());
      assertTrue(stillInterrupted.get(), "the interrupt status must stay set for the caller");
      assertEquals(0, detections.get());
      assertEquals(0, backend.runs());
    }
    assertNothingWritten(output);
  }

  @Test
  void restore_interruptedByAnotherThreadMidway_stopsBetweenFacesAndWritesNothing() throws Exception {
    Path output = tmp.resolve("out.png");
    List<DetectedFace> found = faces(12, 3);
    CountDownLatch twoDone = new CountDownLatch(1);
    RestoreOptions options = RestoreOptions.builder().progressListener(p -> {
      if (p.facesDone() == 2) {
        twoDone.countDown();
        try {
          // Stands in for a slow generator run: the interrupt arrives while this face is in flight.
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }).build();
    try (FaceRestorer restorer = builder(img -> found).build()) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread worker = new Thread(() -> {
        try {
          restorer.restore(SharedData.image("astronaut.png"), output, options);
        } catch (Throwable t) {
          thrown.set(t);
        }
      });
      worker.start();
      assertTrue(twoDone.await(60, TimeUnit.SECONDS), "the restore never reached its second face");
      worker.interrupt();
      worker.join(60_000);
      assertFalse(worker.isAlive(), "the restore did not stop after the interrupt");
      RestorationException e = assertInstanceOf(RestorationException.class, thrown.get());
      assertTrue(e.getMessage().contains("interrupted after 2 of 12 faces"), e.getMessage());
      assertEquals(2, backend.runs(), "no face after the interrupt may reach the generator");
    }
    assertNothingWritten(output);
  }

  @Test
  void restore_listenerCancelsRightAfterDetection_runsNoGeneratorAndWritesNothing() throws IOException {
    Path output = tmp.resolve("out.jpg");
    RestoreOptions cancelAtOnce = RestoreOptions.builder().progressListener(p -> {
      throw new CancellationException("cancelled by the user after detection");
    }).build();
    try (FaceRestorer restorer = builder(img -> faces(4, 4)).build()) {
      CancellationException e = assertThrows(CancellationException.class,
          () -> restorer.restore(SharedData.image("grace_hopper.jpg"), output, cancelAtOnce));
      assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
      assertEquals(0, backend.runs());
    }
    assertNothingWritten(output);
  }

  /** A valid 8x8 PNG whose header is rewritten to claim another size (with a correct CRC). */
  private static byte[] pngClaiming(int width, int height) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", bytes);
    byte[] png = bytes.toByteArray();
    // Signature (8) + IHDR length (4) + "IHDR" (4), then width and height; the CRC covers type + data.
    ByteBuffer.wrap(png, 16, 8).putInt(width).putInt(height);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);
    ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
    return png;
  }
}
