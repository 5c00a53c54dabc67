package io.gpen4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Two photos at once only for several photos with a small model on a CPU of two or more cores. */
final class DefaultJobsTest {
  @ParameterizedTest(name = "{0} photos, {1} px, {2} cores, cpu {3} -> {4}")
  @CsvSource({
      "250, 256, 2, true, 2",
      "2, 256, 16, true, 2",
      "2, 128, 2, true, 2",
      "1, 256, 2, true, 1",   // one photo gets every core
      "250, 512, 2, true, 1", // the model dominates: one at a time
      "250, 1024, 8, true, 1",
      "250, 256, 1, true, 1",
      "250, 256, 2, false, 1", // a GPU runs one model call at a time anyway
      "250, 0, 2, true, 1"     // the file does not say its size
  })
  void of_choosesByPhotosModelSizeCoresAndDevice(int photos, int crop, int cores, boolean cpu, int expected) {
    assertEquals(expected, DefaultJobs.of(photos, crop, cores, cpu));
  }
}
