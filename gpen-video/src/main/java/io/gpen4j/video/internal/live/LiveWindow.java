package io.gpen4j.video.internal.live;

import java.time.Duration;
import java.util.Arrays;

/**
 * The last W offer times and the last W restored frames' end times and latencies, for a live
 * stream's frame rates and latency percentiles. Rings of fixed size, so memory does not grow with
 * the stream. Not thread-safe: the stream guards it with its lock.
 */
public final class LiveWindow {
  private final long[] offeredAt;
  private final long[] restoredAt;
  private final long[] latencies;
  private long offers;
  private long restores;

  /**
   * Creates an empty window.
   *
   * @param frames how many frames it covers, 2 or more
   */
  public LiveWindow(int frames) {
    if (frames < 2) {
      throw new IllegalArgumentException("the window must cover at least 2 frames: " + frames);
    }
    offeredAt = new long[frames];
    restoredAt = new long[frames];
    latencies = new long[frames];
  }

  /**
   * Records an offered frame.
   *
   * @param nanos when it was offered, on the stream's ticker
   */
  public void offered(long nanos) {
    offeredAt[(int) (offers++ % offeredAt.length)] = nanos;
  }

  /**
   * Records a restored frame.
   *
   * @param nanos when its restore ended, on the stream's ticker
   * @param latencyNanos capture to restored
   */
  public void restored(long nanos, long latencyNanos) {
    int i = (int) (restores++ % restoredAt.length);
    restoredAt[i] = nanos;
    latencies[i] = latencyNanos;
  }

  /** Returns the restored frames the window holds. @return 0 to W */
  public int frames() {
    return (int) Math.min(restores, latencies.length);
  }

  /** Returns restored frames per second over the window. @return the rate; 0 before two frames */
  public double restoredPerSecond() {
    return rate(restoredAt, restores);
  }

  /** Returns offered frames per second over the window. @return the rate; 0 before two frames */
  public double offeredPerSecond() {
    return rate(offeredAt, offers);
  }

  /**
   * Returns the mean time between the window's offers.
   *
   * @return nanoseconds; NaN before two offers
   */
  public double offerIntervalNanos() {
    double r = offeredPerSecond();
    return r > 0 ? 1e9 / r : Double.NaN;
  }

  /**
   * Returns a latency percentile over the window, by nearest rank: the smallest latency that at
   * least {@code p} of the window's latencies do not exceed.
   *
   * @param p the fraction, in (0, 1]
   * @return the latency; zero before the first frame
   */
  public Duration latencyPercentile(double p) {
    int n = frames();
    if (n == 0) {
      return Duration.ZERO;
    }
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p * n);
    return Duration.ofNanos(sorted[Math.max(1, Math.min(n, rank)) - 1]);
  }

  /** Frames per second between the oldest and newest time in a ring holding {@code count} times so far. */
  private static double rate(long[] ring, long count) {
    int n = (int) Math.min(count, ring.length);
    if (n < 2) {
      return 0;
    }
    long newest = ring[(int) ((count - 1) % ring.length)];
    long oldest = ring[(int) ((count - n) % ring.length)];
    return newest > oldest ? (n - 1) * 1e9 / (newest - oldest) : 0;
  }
}
