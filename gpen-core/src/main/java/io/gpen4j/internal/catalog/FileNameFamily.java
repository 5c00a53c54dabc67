package io.gpen4j.internal.catalog;

import io.gpen4j.models.GeneratorFamily;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a generator's family from its file name, for a file the catalogue does not know by its
 * SHA-256: the names facefusion gives its exports ({@code gfpgan_1.4.onnx}, {@code codeformer.onnx},
 * {@code restoreformer_plus_plus.onnx}, {@code gpen_bfr_512.onnx}) and Rope's and VisoMaster's
 * ({@code GFPGANv1.4.onnx}, {@code codeformer_fp16.onnx}, {@code RestoreFormerPlusPlus.fp16.onnx},
 * {@code GPEN-BFR-512.onnx}). Letters are compared without case, punctuation or digits in the way.
 *
 * <p>Thread-safety: stateless.
 */
public final class FileNameFamily {
  private FileNameFamily() {}

  /**
   * Returns the family a file's name says.
   *
   * @param file the model file
   * @return the family, or empty when the name names none
   */
  public static Optional<GeneratorFamily> of(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return Optional.empty();
    }
    String letters = name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    if (letters.contains("gfpgan")) {
      return Optional.of(GeneratorFamily.GFPGAN);
    }
    if (letters.contains("codeformer")) {
      return Optional.of(GeneratorFamily.CODEFORMER);
    }
    if (letters.contains("restoreformer")) {
      return Optional.of(GeneratorFamily.RESTOREFORMER_PLUS_PLUS);
    }
    if (letters.contains("gpen")) {
      return Optional.of(GeneratorFamily.GPEN);
    }
    return Optional.empty();
  }
}
