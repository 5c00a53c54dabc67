package io.gpen4j.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What makes a file the same file within a process: its absolute path, its file key (device and
 * inode on Unix), size, modification time and, where the platform reports it, change time. Any
 * write through the file system moves the change time, which (unlike the modification time) no
 * user-space call can set back; a replacement by rename changes the inode.
 *
 * @param path the absolute, normalised path
 * @param fileKey the platform's file key, or null where there is none
 * @param size the size in bytes
 * @param modified the modification time
 * @param changed the change time (Unix {@code ctime}), or null where the platform has none
 */
record FileIdentity(Path path, Object fileKey, long size, FileTime modified, FileTime changed) {
  /**
   * Reads a file's identity.
   *
   * @param file the file
   * @return its identity now
   * @throws IOException if its attributes cannot be read
   */
  static FileIdentity of(Path file) throws IOException {
    Path absolute = file.toAbsolutePath().normalize();
    BasicFileAttributes a = Files.readAttributes(absolute, BasicFileAttributes.class);
    return new FileIdentity(absolute, a.fileKey(), a.size(), a.lastModifiedTime(), changeTime(absolute));
  }

  private static FileTime changeTime(Path file) throws IOException {
    try {
      return (FileTime) Files.getAttribute(file, "unix:ctime");
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return null; // no "unix" attribute view (Windows): inode, size and times still count
    }
  }
}
