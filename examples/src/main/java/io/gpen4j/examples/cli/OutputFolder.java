package io.gpen4j.examples.cli;

import io.gpen4j.examples.FileErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prepares the {@code --output} folder, failing with a message that names the option and the
 * reason (the path is a file, a parent is a file, the folder is read-only or a virtual file
 * system such as {@code /proc}).
 */
final class OutputFolder {
  private OutputFolder() {}

  /**
   * Creates the folder and its parents if needed.
   *
   * @param folder the folder given as {@code --output}
   * @throws IOException with a message naming {@code --output} if it cannot be a folder
   */
  static void create(Path folder) throws IOException {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new IOException("cannot use --output " + folder + ": it is a file, not a folder");
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      Path existing = nearestExisting(folder);
      String why = e instanceof java.nio.file.NoSuchFileException && existing != null && Files.isDirectory(existing)
          // The parent is there, yet "no such file": the file system refuses new folders.
          ? existing + " does not allow new folders (a virtual or read-only file system, such as /proc)"
          : FileErrors.describe(e) + parentHint(folder);
      throw new IOException("cannot create the --output folder " + folder + ": " + why, e);
    }
  }

  private static Path nearestExisting(Path folder) {
    for (Path p = folder.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Creates the batch's staging folder in the output folder.
   *
   * @param folder the output folder, existing
   * @return the staging folder
   * @throws IOException with a message naming {@code --output} if the folder is not writable
   */
  static Path staging(Path folder) throws IOException {
    try {
      return StagingFolder.create(folder);
    } catch (IOException e) {
      throw new IOException("cannot write in the --output folder " + folder + ": " + FileErrors.describe(e), e);
    }
  }

  private static String parentHint(Path folder) {
    for (Path p = folder.getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        return " (" + p + " is a file, not a folder)";
      }
    }
    return "";
  }
}
