package io.gpen4j.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.TestImages;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ContainerLengthTest {
  private static final byte[] PNG = TestImages.encode(TestImages.randomRgb(40, 30, 8), "png");

  @Test
  void truncation_completePng_isEmpty() {
    assertEquals(Optional.empty(), ContainerLength.truncation(PNG, "png"));
  }

  @Test
  void truncation_pngCutInsideImageData_namesTheChunk() {
    Optional<String> shortfall =
        ContainerLength.truncation(Arrays.copyOf(PNG, PNG.length - 100), "png");

    assertTrue(shortfall.orElseThrow().contains("IDAT"), shortfall.orElseThrow());
  }

  @Test
  void truncation_pngMissingOnlyIend_isReported() {
    byte[] withoutIend = Arrays.copyOf(PNG, PNG.length - 12);

    assertTrue(ContainerLength.truncation(withoutIend, "png").orElseThrow().contains("IEND"));
  }

  @Test
  void truncation_pngWithBytesAfterIend_isEmpty() {
    byte[] trailing = Arrays.copyOf(PNG, PNG.length + 10);

    assertEquals(Optional.empty(), ContainerLength.truncation(trailing, "png"));
  }

  @Test
  void truncation_pngCutInsideAChunkHeader_isReported() {
    byte[] cut = Arrays.copyOf(PNG, PNG.length - 12 + 3);

    assertTrue(ContainerLength.truncation(cut, "png").isPresent());
  }

  @Test
  void truncation_webpShorterThanItsRiffHeader_givesBothLengths() {
    byte[] webp = WebPs.encode(TestImages.randomRgb(16, 16, 9), 101, false);
    byte[] cut = Arrays.copyOf(webp, webp.length - 5);

    String shortfall = ContainerLength.truncation(cut, "webp").orElseThrow();

    assertTrue(
        shortfall.contains(Integer.toString(webp.length))
            && shortfall.contains(Integer.toString(cut.length)),
        shortfall);
    assertEquals(Optional.empty(), ContainerLength.truncation(webp, "webp"));
  }

  @Test
  void truncation_otherFormats_areLeftToTheirReaders() {
    assertEquals(Optional.empty(), ContainerLength.truncation(new byte[] {1, 2, 3}, "bmp"));
  }
}
