package io.gpen4j.idphoto;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An ID photo or print sheet as written to a file.
 *
 * @param path the file
 * @param bytes its size
 * @param jpegQuality the JPEG quality used (the search's result under a size limit), or 0 for PNG
 * @param dpi the resolution recorded in the file
 * @param report the photo's report with the file-size rule added, or null for a print sheet
 */
public record WrittenPhoto(Path path, long bytes, float jpegQuality, int dpi, ComplianceReport report) {
  /**
   * Validates the record.
   *
   * @throws NullPointerException if the path is null
   */
  public WrittenPhoto {
    Objects.requireNonNull(path, "path");
  }
}
