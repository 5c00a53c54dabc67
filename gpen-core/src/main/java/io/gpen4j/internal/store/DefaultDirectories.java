package io.gpen4j.internal.store;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where models are looked for when the caller names no folder. The lookups are passed in so tests
 * need not change the real environment.
 */
public final class DefaultDirectories {
  /** The system property naming a folder of model files. */
  public static final String MODELS_DIR_PROPERTY = "gpen4j.models.dir";

  /** The environment variable naming a folder of model files. */
  public static final String MODELS_DIR_ENV = "GPEN_MODELS_DIR";

  private DefaultDirectories() {}

  /**
   * Returns the models folder: the system property {@value #MODELS_DIR_PROPERTY} if set, else the
   * environment variable {@value #MODELS_DIR_ENV}, else none.
   *
   * @param environment reads an environment variable, null when unset
   * @param properties reads a system property, null when unset
   * @return the folder, if configured
   */
  public static Optional<Path> modelsDirectory(
      UnaryOperator<String> environment, UnaryOperator<String> properties) {
    String property = properties.apply(MODELS_DIR_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Optional.of(Paths.get(property).toAbsolutePath());
    }
    String env = environment.apply(MODELS_DIR_ENV);
    if (env != null && !env.isBlank()) {
      return Optional.of(Paths.get(env).toAbsolutePath());
    }
    return Optional.empty();
  }

  /**
   * Returns the download cache: {@code $XDG_CACHE_HOME/gpen4j} when that variable is set to an
   * absolute path (the XDG Base Directory specification ignores relative ones), else {@code
   * ~/.cache/gpen4j}.
   *
   * @param environment reads an environment variable, null when unset
   * @param properties reads a system property ({@code user.home}), null when unset
   * @return the folder, which need not exist yet
   */
  public static Path cacheDirectory(
      UnaryOperator<String> environment, UnaryOperator<String> properties) {
    String xdg = environment.apply("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Paths.get(xdg).isAbsolute()) {
      return Paths.get(xdg, "gpen4j");
    }
    String home = properties.apply("user.home");
    return Paths.get(home == null ? "." : home, ".cache", "gpen4j").toAbsolutePath();
  }
}
