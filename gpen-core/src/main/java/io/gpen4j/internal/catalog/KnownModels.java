package io.gpen4j.internal.catalog;

import io.gpen4j.ModelException;
import io.gpen4j.internal.store.Sha256;
import io.gpen4j.models.DownloadLocation;
import io.gpen4j.models.ModelRole;
import io.gpen4j.models.ModelSpec;
import io.gpen4j.models.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the public model files of the catalogue by their SHA-256, so a restorer given a
 * plain path still uses the right template for it (docs/REFERENCE.md §1). A file is hashed only when its
 * size or name is that of a catalogue file, so a custom export is never read twice at start-up.
 */
public final class KnownModels {
  private KnownModels() {}

  /**
   * Identifies a model file.
   *
   * @param file the file
   * @param role which catalogue entries to consider
   * @return the catalogue entry whose hash the file has, or empty for a file the catalogue does
   *     not know
   * @throws ModelException if the file carries a catalogue file name but another hash (a damaged
   *     or different file posing as a known one), or cannot be read
   */
  public static Optional<ModelSpec> identify(Path file, ModelRole role) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new ModelException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
    String hash = null;
    for (ModelSpec spec : Models.all()) {
      if (spec.role() != role) {
        continue;
      }
      boolean sameName = spec.fileName().toLowerCase(Locale.ROOT).equals(name);
      if (!sameName && !knownSizes(spec).contains(size)) {
        continue;
      }
      if (hash == null) {
        try {
          hash = Sha256.of(file);
        } catch (IOException e) {
          throw new ModelException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
      }
      if (spec.acceptedSha256().contains(hash)) {
        return Optional.of(spec);
      }
      if (sameName) {
        throw new ModelException(file + " is named like the catalogue model " + spec.name()
            + " but its SHA-256 is " + hash + ", expected " + String.join(" or ", spec.acceptedSha256())
            + ". The file is damaged or a different export; download it again, or rename it if it is"
            + " your own model.");
      }
    }
    return Optional.empty();
  }

  private static Set<Long> knownSizes(ModelSpec spec) {
    Set<Long> sizes = new HashSet<>();
    spec.sizeBytes().ifPresent(sizes::add);
    for (DownloadLocation l : spec.locations()) {
      l.sizeBytes().ifPresent(sizes::add);
    }
    return sizes;
  }
}
