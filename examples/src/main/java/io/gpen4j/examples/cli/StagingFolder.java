package io.gpen4j.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hidden folder {@code .gpen4j-staging-UUID} inside an output folder where a batch writes each
 * result before renaming it into place, and the clean-up of the ones that dead runs left behind.
 *
 * <p>Ownership: each folder holds a marker file {@value #MARKER} naming the process that made it
 * (its pid and start time, so a reused pid is not mistaken for the owner). A later run removes a
 * staging folder only when its name matches, its marker is ours, and that process is gone; a
 * folder without the marker, or with anything but plain files inside, is left alone, so a user's
 * file is never deleted. A live run's folder (another batch on the same output) is kept.
 */
final class StagingFolder {
  private static final Logger LOG = LoggerFactory.getLogger(StagingFolder.class);
  static final String PREFIX = ".gpen4j-staging-";
  static final String MARKER = ".gpen4j-staging-owner";
  private static final String MAGIC = "gpen4j batch staging folder";
  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX)
      + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private StagingFolder() {}

  /**
   * Creates a staging folder, with its owner marker, in {@code outputDirectory}.
   *
   * @param outputDirectory an existing folder
   * @return the new folder
   * @throws IOException if it cannot be created
   */
  static Path create(Path outputDirectory) throws IOException {
    Path staging = outputDirectory.resolve(PREFIX + UUID.randomUUID());
    Files.createDirectory(staging);
    ProcessHandle self = ProcessHandle.current();
    Files.writeString(staging.resolve(MARKER), MAGIC + "\npid=" + self.pid() + "\nstarted="
        + self.info().startInstant().map(Instant::toString).orElse("unknown") + "\n", StandardCharsets.UTF_8);
    return staging;
  }

  /**
   * Removes the staging folders of runs that are no longer alive.
   *
   * @param outputDirectory the output folder; nothing happens when it does not exist
   * @return the folders removed
   */
  static List<Path> removeAbandoned(Path outputDirectory) {
    List<Path> removed = new ArrayList<>();
    if (!Files.isDirectory(outputDirectory)) {
      return removed;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(outputDirectory, PREFIX + "*")) {
      for (Path entry : entries) {
        if (NAME.matcher(entry.getFileName().toString()).matches()
            && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
            && ownerIsGone(entry) && delete(entry)) {
          removed.add(entry);
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot look for abandoned staging folders in {}: {}", outputDirectory, e.toString());
    }
    if (!removed.isEmpty()) {
      LOG.info("removed {} staging folder(s) left by interrupted runs in {}", removed.size(), outputDirectory);
    }
    return removed;
  }

  /**
   * Deletes a staging folder: its plain files, then the folder. Anything else inside (a folder, a
   * link) is not ours, and the folder is then kept.
   *
   * @param staging the folder
   * @return true if it is gone
   */
  static boolean delete(Path staging) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
      for (Path file : files) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(staging);
      return true;
    } catch (IOException e) {
      LOG.warn("cannot remove the staging folder {}: {}", staging, e.toString());
      return false;
    }
  }

  private static boolean ownerIsGone(Path staging) {
    Optional<String> marker = readMarker(staging.resolve(MARKER));
    if (marker.isEmpty() || !marker.get().startsWith(MAGIC + "\n")) {
      return false;
    }
    long pid = -1;
    String started = "";
    for (String line : marker.get().split("\n")) {
      if (line.startsWith("pid=")) {
        try {
          pid = Long.parseLong(line.substring(4).trim());
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (line.startsWith("started=")) {
        started = line.substring(8).trim();
      }
    }
    if (pid < 0) {
      return false;
    }
    String recorded = started;
    Optional<ProcessHandle> owner = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    // Same pid, other start time: the pid was reused, the owner is gone.
    return owner.isEmpty() || owner.get().info().startInstant()
        .map(t -> !t.toString().equals(recorded) && !recorded.equals("unknown")).orElse(false);
  }

  private static Optional<String> readMarker(Path marker) {
    try {
      if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || Files.size(marker) > 4096) {
        return Optional.empty();
      }
      return Optional.of(Files.readString(marker, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
