package io.gpen4j.examples;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says what went wrong with a file in words: the JDK's file exceptions often carry only the path
 * as their message ({@code FileAlreadyExistsException: /out/a.png}), which a user reads as no
 * reason at all.
 */
public final class FileErrors {
  private FileErrors() {}

  /**
   * Describes an I/O failure.
   *
   * @param e the failure
   * @return the path and the reason, e.g. {@code "/out: exists and is a file, not a folder"}
   */
  public static String describe(IOException e) {
    String described;
    if (e instanceof FileSystemException fse && fse.getFile() != null) {
      String other = fse.getOtherFile() == null ? "" : " -> " + fse.getOtherFile();
      described = fse.getFile() + other + ": " + reason(fse);
    } else {
      String message = e.getMessage();
      described = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
    // ImageIO wraps the real cause in "I/O error writing PNG file!": say what it was.
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootMessage = root.getMessage();
    if (root != e && rootMessage != null && !rootMessage.isBlank() && !described.contains(rootMessage)) {
      described += ": " + rootMessage;
    }
    return described.replace(NO_SPACE, "the disk is full (" + NO_SPACE + ")");
  }

  private static final String NO_SPACE = "No space left on device";

  private static String reason(FileSystemException e) {
    String reason = e.getReason();
    if (e instanceof NoSuchFileException) {
      return "no such file or folder" + (reason == null ? "" : " (" + reason + ")");
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "the folder is not empty";
    }
    if (reason == null || reason.isBlank()) {
      return "cannot be used (" + e.getClass().getSimpleName() + ")";
    }
    return reason;
  }
}
