package io.gpen4j.examples.cli;

import io.gpen4j.RestoreProgress;
import io.gpen4j.Ticker;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A progress bar redrawn in place on a terminal: percentage, files, faces, failures, elapsed time
 * and an estimate of the time left. Failures are printed above the bar as they happen.
 *
 * <p>Progress counts finished inputs plus the finished fraction of the faces of inputs in work, so
 * the bar moves during a group photo. The estimate divides the time so far by the work so far;
 * skipped inputs count as finished but not as work, so a resumed batch does not look faster than
 * it is.
 */
final class TerminalProgressBar implements ProgressDisplay {
  private static final int WIDTH = 24;
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final String CLEAR_LINE = "\r\u001B[K";

  private final PrintWriter out;
  private final Ticker ticker;
  private final Map<BatchItem, Double> active = new HashMap<>();
  private long startNanos;
  private long lastDrawNanos = Long.MIN_VALUE;
  private int total;
  private int finished;
  private int skipped;
  private int failed;
  private int faces;

  TerminalProgressBar(PrintWriter out, Ticker ticker) {
    this.out = Objects.requireNonNull(out, "out");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  @Override
  public synchronized void started(int total) {
    this.total = total;
    this.startNanos = ticker.read();
    draw(true);
  }

  @Override
  public synchronized void fileStarted(BatchItem item) {
    active.put(item, 0.0);
    draw(false);
  }

  @Override
  public synchronized void faceProgress(BatchItem item, RestoreProgress progress) {
    // Writing the file is still to come: a photo in work never counts as wholly done.
    active.put(item, Math.min(0.95, progress.fraction()));
    draw(false);
  }

  @Override
  public synchronized void fileFinished(FileOutcome o) {
    active.remove(o.item());
    finished++;
    faces += o.faces().size();
    if (o.status() == FileOutcome.Status.SKIPPED) {
      skipped++;
    } else if (o.status() == FileOutcome.Status.FAILED) {
      failed++;
      out.print(CLEAR_LINE);
      out.println("failed: " + o.item().label() + ": " + o.message());
    }
    draw(true);
  }

  @Override
  public synchronized void finished() {
    draw(true);
    out.println();
    out.flush();
  }

  /** Returns the bar's text now, without the terminal control codes. @return the line */
  synchronized String line() {
    double inWork = active.values().stream().mapToDouble(Double::doubleValue).sum();
    double progress = total == 0 ? 1 : (finished + inWork) / total;
    int filled = (int) Math.round(progress * WIDTH);
    Duration elapsed = Duration.ofNanos(ticker.read() - startNanos);
    StringBuilder s = new StringBuilder("[");
    s.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
    s.append(String.format(Locale.ROOT, "%3d%%  %d/%d files  %d face%s", Math.round(progress * 100), finished,
        total, faces, faces == 1 ? "" : "s"));
    if (failed > 0) {
      s.append("  ").append(failed).append(" failed");
    }
    s.append("  ").append(Durations.clock(elapsed));
    double work = finished - skipped + inWork;
    double remaining = total - finished - inWork;
    if (remaining <= 0) {
      s.append("  done");
    } else if (work > 0) {
      long etaNanos = (long) (elapsed.toNanos() / work * remaining);
      s.append("  ETA ").append(Durations.clock(Duration.ofNanos(etaNanos)));
    } else {
      s.append("  ETA --:--");
    }
    return s.toString();
  }

  private void draw(boolean force) {
    long now = ticker.read();
    if (!force && lastDrawNanos != Long.MIN_VALUE && now - lastDrawNanos < REDRAW_NANOS) {
      return;
    }
    lastDrawNanos = now;
    out.print(CLEAR_LINE + line());
    out.flush();
  }
}
