package io.gpen4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class OutputLayoutTest {
  private final OutputLayout layout = new OutputLayout("/data/archive", "/out", "png", Set.of("same/a"));

  @Test
  void target_keepsTheRelativePathWithTheOutputExtension() {
    assertEquals(Path.of("/out/1975/beach.png"), layout.target("file:/data/archive/1975/beach.jpg"));
    assertEquals(Path.of("/out/top.png"), layout.target("file:///data/archive/top.JPG"));
    assertEquals(Path.of("/out/with space/x.png"), layout.target("file:/data/archive/with space/x.bmp"));
  }

  @Test
  void target_namesInputsThatShareAnOutputAfterTheirExtension() {
    assertEquals(Path.of("/out/same/a-jpg.png"), layout.target("file:/data/archive/same/a.jpg"));
    assertEquals(Path.of("/out/same/a-png.png"), layout.target("file:/data/archive/same/a.PNG"));
  }

  @Test
  void relative_ofAFileGivenAsTheInput_isItsName() {
    OutputLayout single = new OutputLayout("/data/archive/one.jpg", "/out", "png", Set.of());
    assertEquals("one.jpg", single.relative("file:/data/archive/one.jpg"));
  }

  @Test
  void stem_dropsOnlyTheLastExtension() {
    assertEquals("a/b.c/d", OutputLayout.stem("a/b.c/d"));
    assertEquals("a/photo.2020", OutputLayout.stem("a/photo.2020.jpg"));
    assertEquals("a/.hidden", OutputLayout.stem("a/.hidden"));
  }
}
