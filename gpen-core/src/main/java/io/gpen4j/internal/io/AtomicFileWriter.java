package io.gpen4j.internal.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.UUID;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file all at once: the content is written to a temporary file in the target's
 * directory, flushed to disk, then moved over the target. Readers of the target see the old file or
 * the new one, never half of one; if anything fails the temporary file is deleted and the target
 * keeps its old content (or stays absent).
 *
 * <p>The temporary file sits in the same directory because a move is only atomic within one file
 * system. It is created with {@code CREATE_NEW} under a random name (so two writers never share
 * one) and with the default permissions, not {@link Files#createTempFile}'s owner-only ones, which
 * the finished file would otherwise keep. The move is {@code ATOMIC_MOVE} where the file system
 * supports it, else a plain {@code REPLACE_EXISTING} move.
 *
 * <p>Thread-safe: stateless.
 */
final class AtomicFileWriter {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicFileWriter.class);

  /** Writes the content through an {@link ImageOutputStream} positioned at the file's start. */
  @FunctionalInterface
  interface Content {
    /**
     * Writes the whole content.
     *
     * @param out the stream; the caller closes it
     * @throws IOException if writing fails
     */
    void writeTo(ImageOutputStream out) throws IOException;
  }

  private AtomicFileWriter() {}

  /**
   * Writes a file atomically.
   *
   * @param target the file to create or replace
   * @param content what to write
   * @throws IOException if the temporary file cannot be created or written, or the move fails; the
   *     target is then unchanged
   */
  static void write(Path target, Content content) throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(content, "content");
    Path absolute = target.toAbsolutePath();
    Path fileName = absolute.getFileName();
    if (fileName == null) {
      throw new IOException("Cannot write " + target + ": not a file path");
    }
    Path temp = absolute.resolveSibling("." + fileName + "." + UUID.randomUUID() + ".tmp");
    Files.createFile(temp);
    boolean done = false;
    try {
      try (RandomAccessFile file = new RandomAccessFile(temp.toFile(), "rw");
          FileImageOutputStream out = new FileImageOutputStream(file)) {
        content.writeTo(out);
        out.flush();
        // Durable before it becomes visible: a crash after the move must not leave an empty file.
        file.getFD().sync();
      }
      move(temp, absolute);
      done = true;
    } finally {
      if (!done) {
        deleteQuietly(temp);
      }
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not delete temporary file {}: {}", temp, e.toString());
    }
  }
}
