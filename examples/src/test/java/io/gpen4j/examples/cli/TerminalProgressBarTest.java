package io.gpen4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.RestoreProgress;
import io.gpen4j.Ticker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class TerminalProgressBarTest {
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private final StringWriter screen = new StringWriter();
  private final TerminalProgressBar bar = new TerminalProgressBar(new PrintWriter(screen), ticker);

  private static BatchItem item(String name) {
    return new BatchItem(Path.of(name), Path.of("out", name), name);
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void line_oneOfFourDoneInTenSeconds_estimatesThirtyMore() {
    bar.started(4);
    bar.fileStarted(item("a.jpg"));
    advance(Duration.ofSeconds(10));
    bar.fileFinished(FileOutcome.done(item("a.jpg"), TestFaces.some(3), Duration.ofSeconds(10)));

    assertEquals("[######..................]  25%  1/4 files  3 faces  0:10  ETA 0:30", bar.line());
  }

  @Test
  void line_halfTheFacesOfTheOnlyPhoto_movesTheBarAndCountsFailures() {
    bar.started(2);
    bar.fileFinished(FileOutcome.failed(item("broken.jpg"), Duration.ZERO, "truncated"));
    bar.fileStarted(item("group.jpg"));
    advance(Duration.ofSeconds(4));
    bar.faceProgress(item("group.jpg"), new RestoreProgress(2, 4));

    String line = bar.line();
    assertTrue(line.startsWith("[##################......]  75%  1/2 files"), line);
    bar.faceProgress(item("group.jpg"), new RestoreProgress(4, 4));
    assertTrue(bar.line().contains(" 98%  1/2 files"), "all faces done is not the photo done: " + bar.line());
    assertTrue(line.contains("1 failed"), line);
    assertTrue(screen.toString().contains("failed: broken.jpg: truncated"), screen.toString());
  }

  @Test
  void line_allSkipped_saysDoneWithoutAnEstimate() {
    bar.started(1);
    bar.fileFinished(FileOutcome.skipped(item("a.jpg"), "exists"));
    bar.finished();

    assertTrue(bar.line().endsWith("0:00  done"), bar.line());
    assertTrue(screen.toString().endsWith(System.lineSeparator()), "the terminal is left on a fresh line");
  }
}
