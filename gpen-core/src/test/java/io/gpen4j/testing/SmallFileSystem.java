package io.gpen4j.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A tiny file system that fills up, for full-disk tests: a tmpfs of a given size mounted on a new
 * folder (Linux, as root, as CI runs), or the folder named by {@code -Dgpen4j.fullDisk=DIR}.
 * Where neither is possible the test is skipped with the reason; nothing else in the machine's
 * file systems is touched. Unmounted on {@link #close()}.
 */
public final class SmallFileSystem implements AutoCloseable {
  private final Path root;
  private final boolean mounted;

  private SmallFileSystem(Path root, boolean mounted) {
    this.root = root;
    this.mounted = mounted;
  }

  /**
   * Mounts (or finds) the small file system, or skips the calling test.
   *
   * @param parent where to create the mount point, such as a test's temporary folder
   * @param kilobytes its size
   * @return the file system; close it to unmount
   * @throws IOException if the mount point cannot be created
   */
  public static SmallFileSystem mountOrSkip(Path parent, int kilobytes) throws IOException {
    String given = System.getProperty("gpen4j.fullDisk");
    if (given != null && !given.isBlank()) {
      return new SmallFileSystem(Path.of(given), false);
    }
    Path dir = Files.createDirectories(parent.resolve("small-fs"));
    String why = run("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k", "tmpfs", dir.toString());
    Assumptions.assumeTrue(why.isEmpty(),
        "cannot make a small file system (needs root on Linux, or -Dgpen4j.fullDisk=DIR): " + why);
    return new SmallFileSystem(dir, true);
  }

  /** Returns the folder on the small file system. @return the mount point */
  public Path root() {
    return root;
  }

  @Override
  public void close() throws IOException {
    if (mounted) {
      String why = run("umount", root.toString());
      if (!why.isEmpty()) {
        throw new IOException("cannot unmount " + root + ": " + why);
      }
    }
  }

  /** Runs a command; empty when it succeeded, else what went wrong. */
  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return String.join(" ", command) + " did not finish in 20 s";
      }
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      return p.exitValue() == 0 ? "" : String.join(" ", command) + " failed (" + p.exitValue() + "): " + out;
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
