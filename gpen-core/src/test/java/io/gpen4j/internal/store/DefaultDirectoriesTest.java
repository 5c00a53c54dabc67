package io.gpen4j.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class DefaultDirectoriesTest {
  private static final Map<String, String> NONE = Map.of();

  @Test
  void modelsDirectory_propertyWinsOverEnvironment() {
    Optional<Path> dir =
        DefaultDirectories.modelsDirectory(
            Map.of("GPEN_MODELS_DIR", "/env/models")::get,
            Map.of("gpen4j.models.dir", "/prop/models")::get);
    assertEquals(Optional.of(Paths.get("/prop/models")), dir);
  }

  @Test
  void modelsDirectory_environmentThenNone() {
    assertEquals(
        Optional.of(Paths.get("/env/models")),
        DefaultDirectories.modelsDirectory(Map.of("GPEN_MODELS_DIR", "/env/models")::get, NONE::get));
    assertEquals(Optional.empty(), DefaultDirectories.modelsDirectory(NONE::get, NONE::get));
  }

  @Test
  void cacheDirectory_xdgWhenAbsolute_elseHome() {
    assertEquals(
        Paths.get("/xdg/gpen4j"),
        DefaultDirectories.cacheDirectory(Map.of("XDG_CACHE_HOME", "/xdg")::get, NONE::get));
    assertEquals(
        Paths.get("/home/u/.cache/gpen4j"),
        DefaultDirectories.cacheDirectory(
            Map.of("XDG_CACHE_HOME", "relative")::get, Map.of("user.home", "/home/u")::get));
    assertEquals(
        Paths.get("/home/u/.cache/gpen4j"),
        DefaultDirectories.cacheDirectory(NONE::get, Map.of("user.home", "/home/u")::get));
  }
}
