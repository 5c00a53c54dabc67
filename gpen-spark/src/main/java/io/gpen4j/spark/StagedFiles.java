package io.gpen4j.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes an output file so that it appears whole or not at all, and so that a retried or
 * speculative task can write it again: the bytes go to a uniquely named file in the output
 * folder's staging folder (same file system, so the move is a rename) and are moved over the target
 * in one atomic rename, which replaces what an earlier attempt put there. A restore is deterministic,
 * so the attempts write the same bytes: one file, never two, never half of one. A task killed while
 * writing leaves its staged file in the staging folder, which the job deletes at its end.
 */
final class StagedFiles {
  private StagedFiles() {}

  /** Writes a file's bytes, called with the staged file. */
  @FunctionalInterface
  interface Content {
    void writeTo(Path staged) throws IOException;
  }

  /**
   * Writes bytes to a target atomically.
   *
   * @param staging the staging folder, on the target's file system
   * @param target the file to create or replace
   * @param bytes the content
   * @param beforeMove called after the staged file is complete, before it is moved (tests fail a
   *     task there)
   * @throws IOException if writing or moving fails; the target is then unchanged
   */
  static void write(Path staging, Path target, byte[] bytes, Runnable beforeMove) throws IOException {
    write(staging, target, staged -> {
      try (OutputStream out = Files.newOutputStream(staged)) {
        out.write(bytes);
      }
    }, beforeMove);
  }

  /**
   * Writes a target atomically with content written by the caller into a staged path.
   *
   * @param staging the staging folder, on the target's file system
   * @param target the file (or folder) to create or replace
   * @param content writes the staged file
   * @param beforeMove called after the staged file is complete, before it is moved
   * @throws IOException if writing or moving fails; the target is then unchanged
   */
  static void write(Path staging, Path target, Content content, Runnable beforeMove) throws IOException {
    Files.createDirectories(staging);
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path attempt = Files.createDirectories(staging.resolve(UUID.randomUUID().toString()));
    Path staged = attempt.resolve(target.getFileName().toString());
    try {
      content.writeTo(staged);
      beforeMove.run();
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(staged);
      Files.deleteIfExists(attempt);
    }
  }
}
