package io.gpen4j.bench;

import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreResult;
import java.awt.image.BufferedImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code restore()} on one {@link BenchPhotos} photo with a warm restorer: the body that the
 * latency and the throughput benchmarks share. Each subclass declares its own photo sizes and its
 * JMH mode, which is what tells them apart.
 */
public abstract class PhotoRestoreBenchmark extends BenchConfigParams {
  /** The restorer's {@code maxBatchSize}; 0 for the library's default. */
  @Param({"0"})
  public int maxBatchSize;

  private FaceRestorer restorer;
  private BufferedImage photo;

  /**
   * Returns the photo's long side, a subclass's {@code @Param}.
   *
   * @return 512, 1024 or 3000
   */
  abstract int photoSize();

  /** Builds the restorer and restores the photo once, checking that it finds its faces. */
  @Setup(Level.Trial)
  public void setUp() {
    photo = BenchPhotos.photo(photoSize());
    restorer = BenchSessions.warmRestorer(benchConfig(), photo, maxBatchSize);
  }

  /** @return the restored photo */
  @Benchmark
  public RestoreResult restore() {
    return restorer.restore(photo);
  }

  /** Releases the restorer. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (restorer != null) {
      restorer.close();
    }
  }
}
