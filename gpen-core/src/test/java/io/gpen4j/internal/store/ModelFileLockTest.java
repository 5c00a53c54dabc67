package io.gpen4j.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ModelFileLockTest {
  @TempDir Path temp;

  @Test
  void acquire_secondThreadWaitsUntilFirstReleases() throws Exception {
    Path lockFile = temp.resolve("locks/m.lock");
    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch secondStarted = new CountDownLatch(1);
    Thread second;
    try (ModelFileLock first = ModelFileLock.acquire(lockFile)) {
      second =
          new Thread(
              () -> {
                secondStarted.countDown();
                try (ModelFileLock lock = ModelFileLock.acquire(lockFile)) {
                  order.add("second acquired");
                } catch (Exception e) {
                  order.add("second failed: " + e);
                }
              });
      second.start();
      assertTrue(secondStarted.await(10, TimeUnit.SECONDS));
      Thread.sleep(200); // a broken lock would let the second thread in now
      order.add("first releasing");
    }
    second.join(10_000);

    assertEquals(List.of("first releasing", "second acquired"), order);
    assertTrue(Files.exists(lockFile), "lock files stay in place");
  }

  @Test
  void acquire_interruptedWhileWaiting_throwsAndReleasesNothingItDidNotTake() throws Exception {
    Path lockFile = temp.resolve("m.lock");
    List<Throwable> thrown = new CopyOnWriteArrayList<>();
    try (ModelFileLock first = ModelFileLock.acquire(lockFile)) {
      Thread waiter =
          new Thread(
              () -> {
                try (ModelFileLock lock = ModelFileLock.acquire(lockFile)) {
                  thrown.add(new AssertionError("acquired a held lock"));
                } catch (Exception e) {
                  thrown.add(e);
                }
              });
      waiter.start();
      waiter.interrupt();
      waiter.join(10_000);
    }
    assertEquals(1, thrown.size());
    assertThrows(InterruptedException.class, () -> { throw thrown.get(0); });
    try (ModelFileLock again = ModelFileLock.acquire(lockFile)) {
      assertTrue(Files.exists(lockFile));
    }
  }
}
