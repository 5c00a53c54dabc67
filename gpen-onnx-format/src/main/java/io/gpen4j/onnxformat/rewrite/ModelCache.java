package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.ModelException;
import io.gpen4j.spi.OptimizationLevel;
import io.gpen4j.spi.Precision;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names and writes the files a backend keeps in {@code SessionSettings.cacheDirectory()}: FP16
 * conversions and models optimised by ONNX Runtime. Every name starts with the SHA-256 of the
 * source model and carries each setting that changes the file, so a changed model or setting
 * never meets a stale file. Files appear atomically (written aside, then moved), so concurrent
 * processes see a whole file or none.
 *
 * <p>Hashing a 75 MB model takes 70 to 150 ms, as long as the load the cache saves, so a digest
 * is remembered per absolute path, size, modification and change time (microseconds) and inode: in
 * memory for the life of this object, and in {@code digests/} in the cache folder for later
 * processes. A file rewritten in place moves its change time even when its modification time is
 * set back, so it is hashed again.
 * Thread-safe.
 */
public final class ModelCache {
  /** Bumped when the ONNX Runtime backend's FP16 conversion changes its output, so older conversions are not reused. */
  public static final String FP16_FORMAT = "fp16v1";

  private final Map<String, String> digests = new ConcurrentHashMap<>();

  /** Creates a cache with no digest remembered yet. */
  public ModelCache() {}

  /**
   * Returns the SHA-256 of a file as lower-case hex.
   *
   * @param file the model file
   * @param cacheDir where to remember digests across processes, if set
   * @return the digest
   * @throws ModelException if the file cannot be read
   */
  public String sha256(Path file, Optional<Path> cacheDir) {
    try {
      Path abs = file.toAbsolutePath();
      String stamp = stamp(abs);
      String key = abs + "|" + stamp;
      String known = digests.get(key);
      if (known != null) {
        return known;
      }
      Optional<Path> memo = cacheDir.map(d -> d.resolve("digests").resolve(hex(sha256(abs.toString())) + ".txt"));
      if (memo.isPresent() && Files.isRegularFile(memo.get())) {
        String[] line = Files.readString(memo.get(), StandardCharsets.UTF_8).trim().split(" ");
        if (line.length == 3 && (line[0] + " " + line[1]).equals(stamp) && line[2].length() == 64) {
          digests.put(key, line[2]);
          return line[2];
        }
      }
      MessageDigest md = sha256();
      byte[] buf = new byte[1 << 16];
      try (InputStream in = Files.newInputStream(abs)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      String hex = hex(md.digest());
      digests.put(key, hex);
      if (memo.isPresent()) {
        try {
          write(memo.get(), (stamp + " " + hex + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (UncheckedIOException e) {
          // Only the next process's start gets slower.
        }
      }
      return hex;
    } catch (IOException e) {
      throw new ModelException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Size, then modification time, change time and file key as one token: a file rewritten in
   * place with its modification time set back still moves its change time (no user-space call
   * sets that), and a replacement by rename changes the file key (the inode).
   */
  private static String stamp(Path abs) throws IOException {
    BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
    Object changed;
    try {
      changed = ((FileTime) Files.getAttribute(abs, "unix:ctime")).to(TimeUnit.MICROSECONDS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      changed = "-";
    }
    return a.size() + " " + a.lastModifiedTime().to(TimeUnit.MICROSECONDS) + "," + changed + ","
        + String.valueOf(a.fileKey()).replace(' ', '_');
  }

  /**
   * Returns the SHA-256 of a file, remembered in memory only.
   *
   * @param file the model file
   * @return the digest as lower-case hex
   * @throws ModelException if the file cannot be read
   */
  public String sha256(Path file) {
    return sha256(file, Optional.empty());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static byte[] sha256(String text) {
    return sha256().digest(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** Bumped when {@link ConstantKernelRewrite}'s output changes, so older rewrites are not reused. */
  static final String CONSTANT_KERNEL_FORMAT = "constant-kernel-v3";

  /** The constant-kernel rewrite of a model with the given digest. */
  public static Path constantKernelModel(Path dir, String sha256) {
    return dir.resolve(constantKernelKey(sha256) + ".onnx");
  }

  /** An empty marker: the model with the given digest needs no constant-kernel rewrite. */
  public static Path constantKernelUnchanged(Path dir, String sha256) {
    return dir.resolve(constantKernelKey(sha256) + ".unchanged");
  }

  /**
   * The key that names files derived from a rewritten model ({@link #fp16Model},
   * {@link #optimizedModel}) in place of the bare digest, so they never mix with the source's.
   */
  public static String constantKernelKey(String sha256) {
    return sha256 + "." + CONSTANT_KERNEL_FORMAT;
  }

  /**
   * Maps a model file read-only: the ONNX reader keeps weights as slices of the mapping, so a
   * conversion reads them from the page cache instead of a heap copy of the whole file.
   */
  public static ByteBuffer map(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new ModelException("model file " + file + " is " + size
            + " bytes; an ONNX protobuf cannot exceed 2 GiB (store large weights as external data)");
      }
      // The mapping stays valid after the channel is closed.
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
    } catch (IOException e) {
      throw new ModelException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The FP16 conversion of a model with the given digest (or {@link #constantKernelKey}). */
  public static Path fp16Model(Path dir, String sha256) {
    return dir.resolve(sha256 + "." + FP16_FORMAT + ".onnx");
  }

  /**
   * The ONNX Runtime-optimised form of a model. ONNX Runtime may write operators specific to
   * this CPU's instruction set into it (its NCHWc layout), so a cache folder belongs to one kind
   * of machine; the runtime version and operating system architecture are in the name.
   */
  public static Path optimizedModel(Path dir, String sha256, Precision precision, OptimizationLevel level,
      String deviceKind, String ortVersion) {
    String name = String.join(".", sha256,
        precision == Precision.FP16 ? FP16_FORMAT : "fp32",
        level.name().toLowerCase(Locale.ROOT),
        deviceKind,
        "ort-" + ortVersion,
        System.getProperty("os.arch", "unknown"),
        "optimized.onnx");
    return dir.resolve(name);
  }

  /** Returns a fresh temporary path beside {@code target}, for writing before the move. */
  public static Path tempFor(Path target) {
    try {
      Files.createDirectories(target.getParent());
      return Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a file in cache folder " + target.getParent(), e);
    }
  }

  /** Writes bytes to {@code target} atomically. */
  public static void write(Path target, byte[] bytes) {
    Path tmp = tempFor(target);
    try {
      Files.write(tmp, bytes);
      publish(tmp, target);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException("cannot write cache file " + target, e);
    }
  }

  /** Something written to a stream, such as a rewrite ({@code Result::writeTo}). */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes content to {@code target} atomically, streaming it (no whole copy in memory). The
   * temporary file is removed on any failure, an OutOfMemoryError while computing content included.
   */
  static void write(Path target, Content content) {
    Path tmp = tempFor(target);
    boolean published = false;
    try {
      writeTo(tmp, content);
      publish(tmp, target);
      published = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write cache file " + target, e);
    } finally {
      if (!published) {
        deleteQuietly(tmp);
      }
    }
  }

  /** Writes content to a file, streaming it through a 1 MiB buffer. */
  static void writeTo(Path file, Content content) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      content.writeTo(out);
    }
  }

  /** Moves a finished temporary file into place, replacing any file of the same name. */
  public static void publish(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Deletes a file if it exists, ignoring failure.
   *
   * @param file the file
   */
  public static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temporary file is harmless; the next write uses a new name.
    }
  }
}
