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
 *       memory: the heap after a full GC stays flat (least-squares slope per 1000 restores, after
 *       a warm-up), and so does the floor of the native memory (resident set minus the committed
 *       heap): native allocators keep freed memory and swing by hundreds of MB between samples, so
 *       a leak shows as a rising minimum (second half's lowest sample against the first half's),
 *       not in a line fitted through the swings, which is logged too; the restorer's Java threads and file descriptors are gone after
 *       {@code close()} (native threads may differ by the JVM's own lazily started GC workers);
 *       further calls fail saying "closed";
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
    int javaThreadsBefore = ProcessStats.javaThreads();
    long fdsBefore = ProcessStats.openFileDescriptors();

    FaceRestorer restorer = newRestorer();
    List<Integer> at = new ArrayList<>();
    List<Long> heap = new ArrayList<>();
    List<Long> rss = new ArrayList<>();
    List<Long> nativeMemory = new ArrayList<>();
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
        long n = r - ProcessStats.heapCommitted();
        threadsOpen = Math.max(threadsOpen, ProcessStats.threads());
        LOG.info("soak {}: {} restores, heap {} MB, RSS {} MB, RSS minus committed heap {} MB",
            restorer.backendName(), i, String.format("%.1f", h / MB), String.format("%.1f", r / MB),
            String.format("%.1f", n / MB));
        if (i > WARM_UP) {
          at.add(i);
          heap.add(h);
          rss.add(r);
          nativeMemory.add(n);
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
    int javaThreadsAfter = ProcessStats.javaThreads();
    long fdsAfter = ProcessStats.openFileDescriptors();

    double heapSlope = ProcessStats.slope(at, heap) * 1000 / MB;
    double rssSlope = ProcessStats.slope(at, rss) * 1000 / MB;
    double nativeSlope = ProcessStats.slope(at, nativeMemory) * 1000 / MB;
    int half = nativeMemory.size() / 2;
    long firstFloor = nativeMemory.subList(0, half).stream().mapToLong(Long::longValue).min().orElseThrow();
    long secondFloor = nativeMemory.subList(half, nativeMemory.size()).stream().mapToLong(Long::longValue).min()
        .orElseThrow();
    double restoresBetweenHalves = (at.get(at.size() - 1) - at.get(0)) / 2.0;
    double floorDrift = (secondFloor - firstFloor) / MB * 1000 / restoresBetweenHalves;
    LOG.info("soak {}: {} restores in {} s; slope per 1000 restores after {} warm-up: heap after GC {} MB, "
            + "RSS {} MB, RSS minus committed heap {} MB (its floor {} MB -> {} MB: {} MB); RSS {} MB before close, {} MB after; native threads "
            + "{} before, {} while open, {} after close; Java threads {} before, {} after; file descriptors {} "
            + "before, {} after close",
        restorer.backendName(), RESTORES, seconds, WARM_UP, String.format("%.2f", heapSlope),
        String.format("%.2f", rssSlope), String.format("%.2f", nativeSlope),
        String.format("%.1f", firstFloor / MB), String.format("%.1f", secondFloor / MB),
        String.format("%.2f", floorDrift),
        String.format("%.1f", rssBeforeClose / MB), String.format("%.1f", rssAfterClose / MB),
        threadsBefore, threadsOpen, threadsAfter, javaThreadsBefore, javaThreadsAfter, fdsBefore, fdsAfter);

    // A leak of one 256x256 float crop per restore would be 750 MB per 1000 restores.
    assertTrue(heapSlope < 4, "heap grows " + heapSlope + " MB per 1000 restores");
    assertTrue(floorDrift < 32, "native memory's floor rises " + floorDrift + " MB per 1000 restores");
    assertEquals(javaThreadsBefore, javaThreadsAfter, "Java threads left running after close()");
    // Runtime pools stopped; the JVM may have started a GC worker or two of its own meanwhile.
    assertTrue(threadsAfter <= threadsBefore + 2, "native threads " + threadsBefore + " -> " + threadsAfter);
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
