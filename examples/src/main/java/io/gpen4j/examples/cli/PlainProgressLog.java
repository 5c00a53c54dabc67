package io.gpen4j.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;

/** One line per finished input, for logs and pipes, where a redrawn bar would be noise. */
final class PlainProgressLog implements ProgressDisplay {
  private final PrintWriter out;
  private int total;
  private int finished;

  PlainProgressLog(PrintWriter out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public synchronized void started(int total) {
    this.total = total;
    out.printf(Locale.ROOT, "Restoring %d file%s%n", total, total == 1 ? "" : "s");
    out.flush();
  }

  @Override
  public synchronized void fileFinished(FileOutcome o) {
    finished++;
    String what = switch (o.status()) {
      case DONE -> String.format(Locale.ROOT, "-> %s: %d face%s, %s", o.item().output(), o.faces().size(),
          o.faces().size() == 1 ? "" : "s", Durations.format(o.time()));
      case SKIPPED -> "skipped: " + o.message();
      case FAILED -> "FAILED: " + o.message();
    };
    out.printf(Locale.ROOT, "[%d/%d] %s %s%n", finished, total, o.item().label(), what);
    out.flush();
  }
}
