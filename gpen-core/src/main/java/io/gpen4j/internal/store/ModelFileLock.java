package io.gpen4j.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on one model file, across threads and processes, held while the file is
 * checked, downloaded and moved into place.
 *
 * <p>Concurrency: an OS file lock ({@link FileChannel#lock()} on {@code <name>.lock}) keeps other
 * processes out. The JVM holds such locks per process, not per thread: a second lock on the same
 * file from this JVM throws {@link java.nio.channels.OverlappingFileLockException}, and on Linux
 * closing any channel of the file may drop the lock held through another. So threads of this JVM
 * first take a {@link ReentrantLock} per lock file, and only its holder opens the lock file. That
 * guard must be JVM-wide for the same reason, which is why it is the one static map here; it holds
 * one small entry per model file name ever locked. Lock files are left in place: deleting one
 * while another process waits on it would let a third lock a new file of the same name.
 */
public final class ModelFileLock implements AutoCloseable {
  private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final ReentrantLock threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private ModelFileLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /**
   * Waits for and takes the lock.
   *
   * @param lockFile the lock file; its folder is created if needed
   * @return the held lock; close it to release
   * @throws IOException if the lock file cannot be created or locked
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public static ModelFileLock acquire(Path lockFile) throws IOException, InterruptedException {
    Path key = lockFile.toAbsolutePath().normalize();
    ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    threadLock.lockInterruptibly();
    FileChannel channel = null;
    try {
      Files.createDirectories(key.getParent());
      channel =
          FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      // Blocks until other processes release it; an interrupt closes the channel and throws.
      FileLock fileLock = channel.lock();
      return new ModelFileLock(threadLock, channel, fileLock);
    } catch (IOException | RuntimeException | Error e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      threadLock.unlock();
      if (Thread.interrupted()) {
        InterruptedException interrupted =
            new InterruptedException("interrupted while waiting for " + key);
        interrupted.initCause(e);
        throw interrupted;
      }
      throw e;
    }
  }

  /** Releases the lock; call once, from the thread that acquired it. */
  @Override
  public void close() {
    try {
      fileLock.release();
    } catch (IOException ignored) {
      // Closing the channel below releases it as well.
    } finally {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing more can be done; the OS drops the lock when the process ends.
      } finally {
        threadLock.unlock();
      }
    }
  }
}
