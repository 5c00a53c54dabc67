package io.gpen4j.video.internal.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names {@link AtomicOutput}'s temporary outputs after the process that writes them, and removes
 * the ones whose process is gone (killed with -9, or the machine lost power), as the command
 * line's photo batches do with their staging folders.
 *
 * <p>Ownership: a temporary name is {@code .<target>.<pid>-<start>.<random>.part.<ext>} (a
 * frames folder: the same without {@code .part.<ext>}), where {@code start} is the process's
 * start time in epoch milliseconds, so a reused pid is not mistaken for the owner. Only names of
 * exactly that form are touched, only when the owner is gone; a folder is removed only when it
 * holds nothing but plain files (frames), so a user's file or folder is never deleted. A live
 * run's temporary output (another job writing beside this one) is kept.
 */
final class AbandonedParts {
  private static final Logger LOG = LoggerFactory.getLogger(AbandonedParts.class);
  private static final Pattern PART_FILE = Pattern.compile("\\..+\\.(\\d+)-(\\d+)\\.\\d+\\.part\\.[A-Za-z0-9]+");

  private AbandonedParts() {}

  /** The prefix of this process's temporary outputs for {@code target}: {@code .<name>.<pid>-<start>.}. */
  static String prefix(Path target) {
    ProcessHandle self = ProcessHandle.current();
    long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    return "." + target.getFileName() + "." + self.pid() + "-" + start + ".";
  }

  /**
   * Removes the abandoned temporary files in a folder, and the abandoned frames folders of
   * {@code target}.
   *
   * @param target the output about to be written
   * @return what was removed
   */
  static List<Path> remove(Path target) {
    List<Path> removed = new ArrayList<>();
    Path folder = target.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      return removed;
    }
    Pattern framesFolder = Pattern.compile(Pattern.quote("." + target.getFileName() + ".") + "(\\d+)-(\\d+)\\.\\d+");
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, ".*")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        Matcher file = PART_FILE.matcher(name);
        Matcher frames = framesFolder.matcher(name);
        if (file.matches() && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
            && ownerIsGone(file.group(1), file.group(2))) {
          if (Files.deleteIfExists(entry)) {
            removed.add(entry);
          }
        } else if (frames.matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
            && ownerIsGone(frames.group(1), frames.group(2)) && deleteFrames(entry)) {
          removed.add(entry);
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot look for abandoned temporary outputs in {}: {}", folder, e.toString());
    }
    if (!removed.isEmpty()) {
      LOG.info("removed {} temporary output(s) left by interrupted runs in {}", removed.size(), folder);
    }
    return removed;
  }

  private static boolean ownerIsGone(String pidText, String startText) {
    long pid;
    long start;
    try {
      pid = Long.parseLong(pidText);
      start = Long.parseLong(startText);
    } catch (NumberFormatException e) {
      return false;
    }
    Optional<ProcessHandle> owner = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (owner.isEmpty()) {
      return true;
    }
    // Same pid, other start time: the pid was reused, the owner is gone. Unknown times: keep it.
    Optional<Instant> started = owner.get().info().startInstant();
    return start != 0 && started.isPresent() && started.get().toEpochMilli() != start;
  }

  /** Deletes a frames folder that holds plain files only; anything else inside keeps it. */
  private static boolean deleteFrames(Path folder) throws IOException {
    try (Stream<Path> inside = Files.list(folder)) {
      if (!inside.allMatch(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
        return false;
      }
    }
    try (Stream<Path> inside = Files.list(folder)) {
      for (Path p : (Iterable<Path>) inside::iterator) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(folder);
    return true;
  }
}
