package io.gpen4j.examples.cli;

import io.gpen4j.video.VideoProgress;
import io.gpen4j.video.VideoProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a video's progress: frames, frames per second and time left, as a bar redrawn in place on
 * a terminal or as a line every few seconds otherwise. Called on the restoring thread only.
 */
final class VideoProgressBar implements VideoProgressListener {
  private static final int WIDTH = 24;
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
  private static final String CLEAR_LINE = "\r\u001B[K";

  private final PrintWriter out;
  private final boolean bar;
  private long lastDraw = Long.MIN_VALUE;
  private boolean drawn;

  VideoProgressBar(PrintWriter out, boolean bar) {
    this.out = out;
    this.bar = bar;
  }

  @Override
  public void onProgress(VideoProgress p) {
    long now = System.nanoTime();
    boolean last = p.framesTotal().isPresent() && p.framesDone() >= p.framesTotal().getAsLong();
    if (!last && lastDraw != Long.MIN_VALUE && now - lastDraw < (bar ? REDRAW_NANOS : PLAIN_EVERY_NANOS)) {
      return;
    }
    lastDraw = now;
    String line = line(p);
    if (bar) {
      out.print(CLEAR_LINE + line);
      drawn = true;
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends the bar's line so that what follows starts on its own line. */
  void finish() {
    if (drawn) {
      out.println();
      out.flush();
      drawn = false;
    }
  }

  static String line(VideoProgress p) {
    StringBuilder s = new StringBuilder();
    if (p.framesTotal().isPresent() && p.framesTotal().getAsLong() > 0) {
      double f = Math.min(1, (double) p.framesDone() / p.framesTotal().getAsLong());
      int full = (int) Math.round(f * WIDTH);
      s.append('[').append("#".repeat(full)).append(".".repeat(WIDTH - full)).append("] ")
          .append(String.format(Locale.ROOT, "%3d%%  ", Math.round(f * 100)))
          .append("frame ").append(p.framesDone()).append('/').append(p.framesTotal().getAsLong());
    } else {
      s.append("frame ").append(p.framesDone());
    }
    s.append(String.format(Locale.ROOT, "  %.1f fps  %s", p.framesPerSecond(), Durations.clock(p.elapsed())));
    p.timeLeft().ifPresent(t -> s.append("  ").append(Durations.clock(t)).append(" left"));
    return s.toString();
  }
}
