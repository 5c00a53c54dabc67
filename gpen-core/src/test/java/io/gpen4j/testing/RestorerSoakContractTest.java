package io.gpen4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gpen4j.FaceRestorer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-run soak, run by each backend module through a subclass, only in long-run mode
 * ({@code -Dgpen4j.longRun=true}) and on Linux (it reads {@code /proc/self}):
 *
 * <ul>
 *   <li>{@value #RESTORES} restores in one JVM with tiny models, half from files and half from
 *       memory: the heap after a full GC and the resident set stay flat (least-squares slope per
 *       1000 restores, after a warm-up), the restorer's threads and file descriptors are gone after
 *       {@code close()}, and further calls fail saying "closed";
 *   <li>a restorer with the full-size random-weight GPEN-256 gives its native memory back on
 *       {@code close()}: the resident set drops by most of what opening it added.
 * </ul>
 *
 * Measured numbers are logged at INFO for the reliability report.
 */
public abstract class RestorerSoakContractTest {
  /** Restores in the soak. */
  protected static final int RESTORES = 2000;

  private static final int WARM_UP = 300;
  private static final int SAMPLE_EVERY = 100;
  private static final double MB = 1024.0 * 1024.0;

  private static final Logger LOG = LoggerFactory.getLogger(RestorerSoakContractTest.class);

  @TempDir protected Path tmp;

  /**
   * Opens a restorer with tiny models and a real detector; the test closes it.
   *
   * @return a new restorer
   */
  protected abstract FaceRestorer newRestorer();

  /**
   * Opens a restorer whose generator is {@link SharedData#randomGpen256()}; the test closes it.
   *
   * @return a new restorer
   */
  protected abstract FaceRestorer newFullSizeRestorer();

  @BeforeEach
  void onlyInLongRunModeOnLinux() {
    assumeTrue(LongRun.enabled(), "soak tests run only with -D" + LongRun.PROPERTY + "=true");
    assumeTrue(ProcessStats.available(), "soak tests read /proc/self (Linux)");
  }

  @Test
  void restore_twoThousandTimes_memoryStaysFlatAndCloseLeavesNoThreadsOrFiles() throws IOException {
    List<Path> files = List.of(SharedData.image("astronaut.png"), SharedData.image("grace_hopper.jpg"),
        SharedData.image("no_face_coffee.png"), SharedData.image("solvay_conference_1927.png"));
    List<BufferedImage> images = new ArrayList<>();
    for (Path f : files) {
      images.add(ImageIO.read(f.toFile()));
    }
    Path output = tmp.resolve("soak-output.png");
    // Load the runtime and let it create its global state before counting.
    try (FaceRestorer warm = newRestorer()) {
      warm.restore(images.get(0));
    }
    ProcessStats.heapAfterGc();
    long threadsBefore = ProcessStats.threads();
    long fdsBefore = ProcessStats.openFileDescriptors();

    FaceRestorer restorer = newRestorer();
    List<Integer> at = new ArrayList<>();
    List<Long> heap = new ArrayList<>();
    List<Long> rss = new ArrayList<>();
    long threadsOpen = 0;
    long t0 = System.nanoTime();
    for (int i = 1; i <= RESTORES; i++) {
      int which = i % files.size();
      if (i % 2 == 0) {
        restorer.restore(files.get(which), output);
      } else {
        restorer.restore(images.get(which));
      }
      if (i % SAMPLE_EVERY == 0) {
        long h = ProcessStats.heapAfterGc();
        long r = ProcessStats.rssBytes();
        threadsOpen = Math.max(threadsOpen, ProcessStats.threads());
        LOG.info("soak {}: {} restores, heap {} MB, RSS {} MB", restorer.backendName(), i,
            String.format("%.1f", h / MB), String.format("%.1f", r / MB));
        if (i > WARM_UP) {
          at.add(i);
          heap.add(h);
          rss.add(r);
        }
      }
    }
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    long rssBeforeClose = ProcessStats.rssBytes();
    restorer.close();
    IllegalStateException closed = assertThrows(IllegalStateException.class, () -> restorer.restore(images.get(0)));
    assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    ProcessStats.heapAfterGc();
    long rssAfterClose = ProcessStats.rssBytes();
    long threadsAfter = ProcessStats.threads();
    long fdsAfter = ProcessStats.openFileDescriptors();

    double heapSlope = ProcessStats.slope(at, heap) * 1000 / MB;
    double rssSlope = ProcessStats.slope(at, rss) * 1000 / MB;
    LOG.info("soak {}: {} restores in {} s; slope per 1000 restores after {} warm-up: heap {} MB, RSS {} MB; "
            + "RSS {} MB before close, {} MB after; threads {} before, {} while open, {} after close; "
            + "file descriptors {} before, {} after close",
        restorer.backendName(), RESTORES, seconds, WARM_UP, String.format("%.2f", heapSlope),
        String.format("%.2f", rssSlope), String.format("%.1f", rssBeforeClose / MB),
        String.format("%.1f", rssAfterClose / MB), threadsBefore, threadsOpen, threadsAfter, fdsBefore, fdsAfter);

    // A leak of one 256x256 float crop per restore would be 750 MB per 1000 restores.
    assertTrue(heapSlope < 4, "heap grows " + heapSlope + " MB per 1000 restores");
    assertTrue(rssSlope < 32, "RSS grows " + rssSlope + " MB per 1000 restores");
    assertEquals(threadsBefore, threadsAfter, "threads left running after close()");
    assertEquals(fdsBefore, fdsAfter, "file descriptors left open after close()");
  }

  @Test
  void close_fullSizeGenerator_givesItsNativeMemoryBack() throws IOException {
    BufferedImage photo = ImageIO.read(SharedData.image("astronaut.png").toFile());
    try (FaceRestorer warm = newRestorer()) {
      warm.restore(photo);
    }
    ProcessStats.heapAfterGc();
    long rssBefore = ProcessStats.rssBytes();
    FaceRestorer restorer = newFullSizeRestorer();
    for (int i = 0; i < 3; i++) {
      restorer.restore(photo);
    }
    ProcessStats.heapAfterGc();
    long rssOpen = ProcessStats.rssBytes();
    restorer.close();
    ProcessStats.heapAfterGc();
    long rssAfter = ProcessStats.rssBytes();
    long added = rssOpen - rssBefore;
    long released = rssOpen - rssAfter;
    LOG.info("close {}: RSS {} MB before opening GPEN-256, {} MB open after 3 restores, {} MB after close "
            + "({} % of what opening added was released)", restorer.backendName(),
        String.format("%.1f", rssBefore / MB), String.format("%.1f", rssOpen / MB),
        String.format("%.1f", rssAfter / MB), added > 0 ? 100 * released / added : 0);
    assertTrue(added > 50 * MB, "opening a 75 MB model added only " + added / MB + " MB: nothing to measure");
    assertTrue(released > added / 2, "close() released " + released / MB + " of " + added / MB + " MB");
  }
}
