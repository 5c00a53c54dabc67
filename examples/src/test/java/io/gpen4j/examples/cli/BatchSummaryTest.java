package io.gpen4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class BatchSummaryTest {
  @ParameterizedTest(name = "done {0}, skipped {1}, failed {2} -> exit {3}")
  @CsvSource({
      "3, 0, 0, 0",
      "0, 3, 0, 0",
      "1, 1, 0, 0",
      "2, 0, 2, 2",
      "0, 2, 2, 2",
      "0, 0, 2, 1",
      "0, 0, 0, 1"
  })
  void exitCode_followsWhatHasAnOutput(int done, int skipped, int failed, int exitCode) {
    List<FileOutcome> outcomes = new ArrayList<>();
    BatchItem item = new BatchItem(Path.of("in.jpg"), Path.of("out.png"), "in.jpg");
    for (int i = 0; i < done; i++) {
      outcomes.add(FileOutcome.done(item, TestFaces.some(2), Duration.ofSeconds(1)));
    }
    for (int i = 0; i < skipped; i++) {
      outcomes.add(FileOutcome.skipped(item, "exists"));
    }
    for (int i = 0; i < failed; i++) {
      outcomes.add(FileOutcome.failed(item, Duration.ZERO, "broken"));
    }

    BatchSummary summary = BatchSummary.of(outcomes, Duration.ofSeconds(5));

    assertEquals(exitCode, summary.exitCode());
    assertEquals(2 * done, summary.faces());
  }
}
