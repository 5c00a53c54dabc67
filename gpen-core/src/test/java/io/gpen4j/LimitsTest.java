package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class LimitsTest {
  @Test
  void defaults_areTheDocumentedValues() {
    Limits d = Limits.defaults();
    assertEquals(100_000_000L, d.maxImagePixels());
    assertEquals(1000, d.maxFacesPerImage());
    assertEquals(Limits.BATCH_SIZE_BY_MODEL, d.maxBatchSize());
    assertTrue(d.memoryBudget() >= Limits.MIN_MEMORY_BUDGET);
  }

  @Test
  void withers_changeOneLimitOnly() {
    Limits d = Limits.defaults();
    assertEquals(new Limits(5, d.maxFacesPerImage(), d.memoryBudget(), d.maxBatchSize()), d.withMaxImagePixels(5));
    assertEquals(new Limits(d.maxImagePixels(), 7, d.memoryBudget(), d.maxBatchSize()), d.withMaxFacesPerImage(7));
    assertEquals(new Limits(d.maxImagePixels(), d.maxFacesPerImage(), 1L << 30, d.maxBatchSize()),
        d.withMemoryBudget(1L << 30));
    assertEquals(new Limits(d.maxImagePixels(), d.maxFacesPerImage(), d.memoryBudget(), 1), d.withMaxBatchSize(1));
  }

  @Test
  void badValues_failNamingTheLimit() {
    Limits d = Limits.defaults();
    assertNamed("maxImagePixels", () -> d.withMaxImagePixels(0));
    assertNamed("maxImagePixels", () -> d.withMaxImagePixels(600_000_000L));
    assertNamed("maxFacesPerImage", () -> d.withMaxFacesPerImage(0));
    assertNamed("memoryBudget", () -> d.withMemoryBudget(Limits.MIN_MEMORY_BUDGET - 1));
    assertNamed("maxBatchSize", () -> d.withMaxBatchSize(-1));
    assertNamed("maxBatchSize", () -> d.withMaxBatchSize(Limits.MAX_BATCH_SIZE + 1));
  }

  private static void assertNamed(String name, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().startsWith(name), e.getMessage());
  }

  /** A call that may throw. */
  private interface Executable {
    void run();
  }
}
