package io.gpen4j.internal.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows the SHA-256 of model files: each file is hashed in full on its first use in a process,
 * and the hash is remembered for the rest of the process while the file stays the same file
 * ({@link FileIdentity}: path, inode, size, modification and change time).
 *
 * <p>Design: a hash stored on disk and trusted while size and modification time match cannot see
 * a file corrupted in place (bytes flipped, timestamp restored): the corrupt file was used. Hashing
 * in full once per process sees every change, including damage below the file system that no
 * time stamp records. It costs one read of the file (SHA-256 with the CPU's SHA extensions; times
 * in the README, "How it works"), which is small beside the time ONNX Runtime takes to load the
 * same model, and it
 * needs no writable folder. Within the process, the change time (which no user-space call can
 * set back) and the inode make a rewrite or a replacement visible, and the file is hashed again.
 *
 * <p>The memory is process-wide (the issue that introduced it asks for "once per process"): every
 * repository and backend in the JVM shares it, so a model is not hashed once per restorer. It
 * holds one short entry per model file; it is cleared if it ever grows past {@link #MAX_ENTRIES}.
 * Thread-safe.
 */
public final class VerifiedFiles {
  static final int MAX_ENTRIES = 4096;

  private static final Map<FileIdentity, String> HASHED = new ConcurrentHashMap<>();

  /** Creates a view of the process's verified files. */
  public VerifiedFiles() {}

  /**
   * Returns the SHA-256 of a file, hashing it in full unless this process hashed the same file
   * (same identity) before.
   *
   * @param file the file
   * @return 64 lowercase hex digits
   * @throws IOException if the file cannot be read
   */
  public String sha256(Path file) throws IOException {
    Optional<String> known = knownHash(file);
    if (known.isPresent()) {
      return known.get();
    }
    FileIdentity before = FileIdentity.of(file);
    String hash = Sha256.of(file);
    // A file that changed while it was read keeps no entry: its next use hashes it again.
    if (before.equals(FileIdentity.of(file))) {
      put(before, hash);
    }
    return hash;
  }

  /**
   * Returns the hash this process computed for the file, if the file is still the same file.
   *
   * @param file the file
   * @return the hash, or empty when this process has not hashed the file as it is now
   */
  public Optional<String> knownHash(Path file) {
    try {
      return Optional.ofNullable(HASHED.get(FileIdentity.of(file)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Records the hash of a file this process has just written and hashed while writing (a
   * download), so it is not read again.
   *
   * @param file the file
   * @param sha256 its hash
   */
  public void remember(Path file, String sha256) {
    try {
      put(FileIdentity.of(file), sha256);
    } catch (IOException e) {
      // Not remembered: the next use hashes the file.
    }
  }

  /**
   * Forgets the hash of a file, if any.
   *
   * @param file the file
   */
  public void forget(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    HASHED.keySet().removeIf(id -> id.path().equals(absolute));
  }

  private static void put(FileIdentity id, String hash) {
    if (HASHED.size() >= MAX_ENTRIES) {
      HASHED.clear();
    }
    HASHED.put(id, hash);
  }
}
