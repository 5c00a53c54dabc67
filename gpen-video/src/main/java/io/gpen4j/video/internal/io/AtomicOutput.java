package io.gpen4j.video.internal.io;

import io.gpen4j.video.VideoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output written under a temporary name beside its target and moved into place only when
 * complete, so the target never holds a half-written file, and a failed or cancelled run leaves
 * no temporary file behind ({@link #close()} deletes it unless {@link #commit()} ran). A run that
 * was killed cannot delete its temporary output: the next output begun in the same folder removes
 * it ({@link AbandonedParts}).
 *
 * <p>A file is moved with one atomic rename. A folder (of frames) cannot replace a folder
 * atomically: with overwrite, the old folder is renamed aside, the new one renamed in, then the
 * old one deleted.
 */
public final class AtomicOutput implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicOutput.class);

  private final Path target;
  private final Path temp;
  private final boolean overwrite;
  private final boolean directory;
  /** The topmost folder {@link #begin} created for the target, or null when its folder existed. */
  private Path createdFolder;
  private boolean committed;

  private AtomicOutput(Path target, Path temp, boolean overwrite, boolean directory) {
    this.target = target;
    this.temp = temp;
    this.overwrite = overwrite;
    this.directory = directory;
  }

  /**
   * Checks the target and creates the temporary file or folder beside it.
   *
   * @param target where the output belongs
   * @param overwrite whether an existing target may be replaced
   * @param directory true for a folder, false for a file
   * @param extension the temporary file's extension (muxers and image writers look at it)
   * @return the output; close it in a finally block
   * @throws VideoException if the target exists without overwrite, or the temporary cannot be created
   */
  public static AtomicOutput begin(Path target, boolean overwrite, boolean directory, String extension) {
    Path abs = target.toAbsolutePath().normalize();
    checkTarget(abs, overwrite, directory);
    Path parent = abs.getParent();
    Path created = topmostMissing(parent);
    try {
      Files.createDirectories(parent);
      AbandonedParts.remove(abs);
      String prefix = AbandonedParts.prefix(abs);
      Path temp;
      try {
        temp = directory
            ? Files.createTempDirectory(parent, prefix)
            : Files.createTempFile(parent, prefix, ".part." + extension);
      } catch (IOException e) {
        deleteEmptyFolders(parent, created);
        throw e;
      }
      AtomicOutput out = new AtomicOutput(abs, temp, overwrite, directory);
      out.createdFolder = created;
      return out;
    } catch (IOException e) {
      throw new VideoException("cannot create a temporary output beside " + abs + ": " + e.getMessage(), e);
    }
  }

  private static void checkTarget(Path target, boolean overwrite, boolean directory) {
    if (!Files.exists(target)) {
      return;
    }
    if (!overwrite) {
      throw new VideoException("output exists: " + target + " (allow overwriting to replace it)");
    }
    if (directory != Files.isDirectory(target)) {
      throw new VideoException("output " + target + " exists and is " + (directory ? "not a folder" : "a folder"));
    }
  }

  /** Returns where to write. @return the temporary file or folder */
  public Path temp() {
    return temp;
  }

  /**
   * Moves the finished output into place.
   *
   * @throws VideoException if the target appeared meanwhile without overwrite, or the move fails
   */
  public void commit() {
    checkTarget(target, overwrite, directory);
    try {
      publish();
      if (directory && Files.exists(target)) {
        Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old.");
        Files.delete(old);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
      } else {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      committed = true;
    } catch (AtomicMoveNotSupportedException e) {
      throw new VideoException("cannot move " + temp + " to " + target + " atomically", e);
    } catch (IOException e) {
      throw new VideoException("cannot move the output into place at " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Gives the output the usual permissions: temporary files are created private (rw-------), an
   * output is not. The process's umask is not readable from Java, so it is the common 644/755.
   */
  private void publish() throws IOException {
    if (!temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(directory ? "rwxr-xr-x" : "rw-r--r--"));
  }

  /**
   * Deletes the temporary output unless it was committed, and the folders {@link #begin} created
   * for it while they are empty, so a failed run leaves nothing behind. Idempotent; never throws.
   */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    committed = true;
    try {
      deleteTree(temp);
      deleteEmptyFolders(temp.getParent(), createdFolder);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not delete the temporary output {}", temp, e);
    }
  }

  /** The highest ancestor of {@code folder} (or itself) that does not exist; null if it exists. */
  private static Path topmostMissing(Path folder) {
    Path missing = null;
    for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
      missing = p;
    }
    return missing;
  }

  /** Deletes {@code folder} and its parents up to {@code top} while they are empty. */
  private static void deleteEmptyFolders(Path folder, Path top) throws IOException {
    if (top == null) {
      return;
    }
    for (Path p = folder; p != null && p.startsWith(top); p = p.getParent()) {
      try {
        Files.deleteIfExists(p);
      } catch (DirectoryNotEmptyException e) {
        // Something else was written there meanwhile: not ours to delete.
        return;
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    if (!Files.isDirectory(root)) {
      Files.deleteIfExists(root);
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        try {
          Files.deleteIfExists(p);
        } catch (DirectoryNotEmptyException e) {
          throw new IOException("folder changed while deleting it: " + p, e);
        }
      }
    }
  }
}
