package io.gpen4j.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ImageTooLargeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class MemoryBudgetTest {
  private static final long MB = 1L << 20;

  @Test
  void acquire_overTheWholeBudget_failsAtOnceSayingWhy() {
    MemoryBudget budget = new MemoryBudget(100 * MB);

    ImageTooLargeException e = assertThrows(ImageTooLargeException.class,
        () -> budget.acquire(2_300 * MB, "big.png (9999x9999, upscale 1)"));

    assertTrue(e.getMessage().contains("big.png (9999x9999, upscale 1)"), e.getMessage());
    assertTrue(e.getMessage().contains("needs about 2,412 MB"), e.getMessage());
    assertTrue(e.getMessage().contains("memory budget of 105 MB"), e.getMessage());
    assertEquals(100 * MB, budget.availableBytes());
  }

  @Test
  void acquire_overWhatIsFree_waitsUntilAnotherRestoreEnds() throws Exception {
    MemoryBudget budget = new MemoryBudget(100 * MB);
    MemoryBudget.Grant first = budget.acquire(70 * MB, "first");
    CountDownLatch started = new CountDownLatch(1);

    CompletableFuture<MemoryBudget.Grant> second = CompletableFuture.supplyAsync(() -> {
      started.countDown();
      return budget.acquire(50 * MB, "second");
    });
    started.await();
    Thread.sleep(200);
    assertFalse(second.isDone(), "the second restore waits while the first holds the memory");

    first.close();
    MemoryBudget.Grant granted = second.get(5, TimeUnit.SECONDS);
    assertEquals(50 * MB, budget.availableBytes());
    granted.close();
    granted.close();
    assertEquals(100 * MB, budget.availableBytes(), "closing twice gives the memory back once");
  }

  @Test
  void peakBytes_growsWithPixelsAndUpscaleSquared() {
    long one = MemoryEstimate.peakBytes(1000, 1000, 0, 1, 512);
    long two = MemoryEstimate.peakBytes(1000, 1000, 0, 2, 512);
    long fixed = MemoryEstimate.peakBytes(1, 1, 0, 1, 512);

    // Decoded image and frame (8 B a pixel), the collector's slack (4 B an output pixel: the
    // encoders read the pixels as views), and an upscaled canvas (4 B an output pixel) only when
    // upscaled: the faces are pasted in place.
    assertEquals(12_000_000, one - fixed, 100);
    assertEquals(8_000_000 + 32_000_000, two - fixed, 100);
  }
}
