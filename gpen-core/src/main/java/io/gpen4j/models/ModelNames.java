package io.gpen4j.models;

import java.util.Locale;

/**
 * Compares model names the way people type them: case, dashes, underscores and dots do not matter,
 * so {@code GPEN_BFR_512}, {@code gpen-bfr-512} and {@code GPEN-BFR-512} are one name, as are
 * {@code SCRFD_2_5G} and {@code scrfd-2.5g}.
 */
final class ModelNames {
  private ModelNames() {}

  /**
   * Returns the lookup key of a name: its letters and digits, lowercased.
   *
   * @param name a model name as typed
   * @return the key
   */
  static String key(String name) {
    StringBuilder key = new StringBuilder(name.length());
    name.toLowerCase(Locale.ROOT)
        .codePoints()
        .filter(Character::isLetterOrDigit)
        .forEach(key::appendCodePoint);
    return key.toString();
  }
}
