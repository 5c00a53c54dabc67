package io.gpen4j.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which model files were hashed, so a 300 MB generator is not re-hashed on every start.
 *
 * <p>Design: after a file is hashed, a small stamp (path, size, modification time, SHA-256) is
 * written to {@code <cache>/.verified/}. A later check trusts the stored hash while the file's size
 * and modification time are unchanged, and hashes again otherwise. This catches a replaced,
 * truncated or re-downloaded file, which is what the hash is for here (transport and storage
 * integrity); it does not catch someone who rewrites a file in place and restores its timestamp.
 * Stamps are written atomically; a stamp that cannot be read or written only costs a re-hash.
 */
public final class VerifiedFiles {
  private static final Logger LOG = LoggerFactory.getLogger(VerifiedFiles.class);

  private final Path stampDirectory;

  /**
   * Creates a store.
   *
   * @param stampDirectory the folder for stamps; created when the first stamp is written
   */
  public VerifiedFiles(Path stampDirectory) {
    this.stampDirectory = stampDirectory;
  }

  /**
   * Returns the SHA-256 of a file, from its stamp when the file is unchanged since it was hashed,
   * else by hashing it (and stamping it).
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
    String hash = Sha256.of(file);
    remember(file, hash);
    return hash;
  }

  /**
   * Returns the stored hash of a file whose size and modification time match its stamp.
   *
   * @param file the file
   * @return the hash, or empty when there is no matching stamp
   */
  public Optional<String> knownHash(Path file) {
    Path stamp = stampFor(file);
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(stamp)) {
      p.load(in);
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (identity(file).equals(p.getProperty("path"))
          && String.valueOf(attributes.size()).equals(p.getProperty("size"))
          && attributes.lastModifiedTime().toString().equals(p.getProperty("modified"))
          && p.getProperty("sha256") != null) {
        return Optional.of(p.getProperty("sha256"));
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      LOG.debug("ignoring unreadable verification stamp {}: {}", stamp, e.toString());
    }
    return Optional.empty();
  }

  /**
   * Stamps a file with its hash. Failures are logged and ignored.
   *
   * @param file the file, just hashed
   * @param sha256 its hash
   */
  public void remember(Path file, String sha256) {
    Path stamp = stampFor(file);
    Path temp = null;
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      Properties p = new Properties();
      p.setProperty("path", identity(file));
      p.setProperty("size", String.valueOf(attributes.size()));
      p.setProperty("modified", attributes.lastModifiedTime().toString());
      p.setProperty("sha256", sha256);
      Files.createDirectories(stampDirectory);
      temp = Files.createTempFile(stampDirectory, stamp.getFileName().toString(), ".tmp");
      try (OutputStream out = Files.newOutputStream(temp)) {
        p.store(out, "gpen4j model verification stamp");
      }
      try {
        Files.move(temp, stamp, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, stamp, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      LOG.debug("cannot write verification stamp {}: {}", stamp, e.toString());
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.debug("cannot delete {}: {}", temp, e.toString());
        }
      }
    }
  }

  /**
   * Forgets a file's stamp, if any.
   *
   * @param file the file
   */
  public void forget(Path file) {
    try {
      Files.deleteIfExists(stampFor(file));
    } catch (IOException e) {
      LOG.debug("cannot delete verification stamp of {}: {}", file, e.toString());
    }
  }

  private Path stampFor(Path file) {
    String key = Sha256.of(identity(file).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    return stampDirectory.resolve(key + ".properties");
  }

  private static String identity(Path file) {
    return file.toAbsolutePath().normalize().toString();
  }
}
