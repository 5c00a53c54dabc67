package io.gpen4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sharing contract of {@link FaceRestorer} on a real backend, run by each backend module
 * through a subclass: one restorer, used by {@value #THREADS} threads at once, each restoring a
 * different photo {@link #rounds()} times, gives exactly the images and faces that one thread
 * gets; and closing it while they run ends every call cleanly (a result, or an error that says
 * "closed"), never with a crash or another exception.
 *
 * <p>The photos: the shared astronaut, Grace Hopper, coffee cup (no face) and a crop of the Solvay
 * conference (several small faces), each as it is and mirrored, so no two threads share an input.
 */
public abstract class RestorerConcurrencyContractTest {
  /** Threads sharing one restorer. */
  protected static final int THREADS = 8;

  private static final Logger LOG = LoggerFactory.getLogger(RestorerConcurrencyContractTest.class);

  private static List<BufferedImage> photos;

  /**
   * Opens a restorer with a real detector; the test closes it.
   *
   * @return a new restorer
   */
  protected abstract FaceRestorer newRestorer();

  /**
   * Returns how often each thread restores its photo.
   *
   * @return 50 unless a subclass says otherwise
   */
  protected int rounds() {
    return 50;
  }

  @BeforeAll
  static void loadPhotos() {
    List<BufferedImage> base = List.of(
        read("astronaut.png"), read("grace_hopper.jpg"), read("no_face_coffee.png"),
        copy(read("solvay_conference_1927.png").getSubimage(0, 0, 664, 284)));
    List<BufferedImage> all = new ArrayList<>(base);
    base.forEach(p -> all.add(mirrored(p)));
    photos = List.copyOf(all);
  }

  @Test
  void restore_oneRestorerSharedByEightThreads_givesTheSingleThreadedResults() throws Exception {
    try (FaceRestorer restorer = newRestorer()) {
      List<RestoreResult> expected = new ArrayList<>();
      for (BufferedImage photo : photos) {
        expected.add(restorer.restore(photo));
      }
      assertTrue(expected.stream().mapToInt(r -> r.faces().size()).sum() >= 4,
          "the photos must hold faces for the test to mean anything");
      int rounds = rounds();
      CyclicBarrier start = new CyclicBarrier(THREADS);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      long t0 = System.nanoTime();
      try {
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int which = t;
          futures.add(pool.submit(() -> {
            start.await();
            List<String> mismatches = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
              RestoreResult got = restorer.restore(photos.get(which));
              String diff = difference(expected.get(which), got);
              if (diff != null) {
                mismatches.add("photo " + which + ", round " + r + ": " + diff);
              }
            }
            return mismatches;
          }));
        }
        List<String> all = new ArrayList<>();
        for (Future<List<String>> f : futures) {
          all.addAll(f.get(20, TimeUnit.MINUTES));
        }
        LOG.info("{}: {} threads x {} restores on one restorer in {} ms: {} differ from the single-threaded result",
            restorer.backendName(), THREADS, rounds, (System.nanoTime() - t0) / 1_000_000, all.size());
        assertTrue(all.isEmpty(), all.size() + " results differ from one thread's:\n"
            + String.join("\n", all.subList(0, Math.min(10, all.size()))));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void close_whileEightThreadsRestore_everyCallFinishesOrFailsSayingClosed() throws Exception {
    FaceRestorer restorer = newRestorer();
    CountDownLatch warmedUp = new CountDownLatch(2 * THREADS);
    AtomicInteger afterClose = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> wrong = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int which = t;
        futures.add(pool.submit(() -> {
          while (true) {
            try {
              restorer.restore(photos.get(which));
              warmedUp.countDown();
            } catch (IllegalStateException | io.gpen4j.GpenException e) {
              if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("closed")) {
                wrong.add(e);
              }
              afterClose.incrementAndGet();
              return;
            } catch (RuntimeException e) {
              wrong.add(e);
              return;
            }
          }
        }));
      }
      assertTrue(warmedUp.await(10, TimeUnit.MINUTES), "the threads never got going");
      restorer.close();
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
      restorer.close();
    }
    assertTrue(wrong.isEmpty(), "calls around close() failed without saying closed: " + wrong);
    assertEquals(THREADS, afterClose.get(), "every thread must see the restorer closed");
  }

  /** Null when the two results agree exactly; else what differs. */
  private static String difference(RestoreResult expected, RestoreResult got) {
    List<RestoredFace> e = expected.faces();
    List<RestoredFace> g = got.faces();
    if (e.size() != g.size()) {
      return e.size() + " faces expected, " + g.size() + " found";
    }
    for (int i = 0; i < e.size(); i++) {
      if (!e.get(i).detection().equals(g.get(i).detection())) {
        return "face " + i + " is " + g.get(i).detection() + ", expected " + e.get(i).detection();
      }
      if (e.get(i).enhanced() != g.get(i).enhanced()) {
        return "face " + i + " enhanced=" + g.get(i).enhanced();
      }
    }
    int pixels = ImageMetrics.differingPixels(expected.image(), got.image());
    return pixels == 0 ? null : pixels + " pixels differ";
  }

  private static BufferedImage read(String name) {
    try {
      return ImageIO.read(SharedData.image(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedImage copy(BufferedImage image) {
    BufferedImage c = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
    c.createGraphics().drawImage(image, 0, 0, null);
    return c;
  }

  private static BufferedImage mirrored(BufferedImage image) {
    int w = image.getWidth();
    BufferedImage m = new BufferedImage(w, image.getHeight(),
        image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < w; x++) {
        m.setRGB(w - 1 - x, y, image.getRGB(x, y));
      }
    }
    return m;
  }
}
