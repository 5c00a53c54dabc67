package io.gpen4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class InputCollectorTest {
  @TempDir Path temp;

  private Path touch(String relative) throws IOException {
    Path p = temp.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, "x");
  }

  private static Map<String, String> outputsByLabel(Inputs inputs, Path out) {
    Map<String, String> m = new TreeMap<>();
    for (BatchItem item : inputs.items()) {
      m.put(item.label(), out.toAbsolutePath().relativize(item.output()).toString().replace('\\', '/'));
    }
    return m;
  }

  @Test
  void collect_recursiveFolder_keepsRelativePathsSkipsHiddenAndOutputFolder() throws IOException {
    touch("album/a.jpg");
    touch("album/1975/b.jpeg");
    touch("album/.thumbs/c.jpg");
    touch("album/.DS_Store");
    touch("album/restored/old.png");
    Path out = temp.resolve("album/restored");

    Inputs inputs = new InputCollector(out, "png", true).collect(List.of(temp.resolve("album")));

    assertEquals(Map.of("a.jpg", "a.png", "1975/b.jpeg", "1975/b.png"), outputsByLabel(inputs, out));
  }

  @Test
  void collect_notRecursive_takesOnlyTheFolderItself() throws IOException {
    touch("album/a.jpg");
    touch("album/1975/b.jpg");

    Inputs inputs = new InputCollector(temp.resolve("out"), "jpg", false).collect(List.of(temp.resolve("album")));

    assertEquals(Map.of("a.jpg", "a.jpg"), outputsByLabel(inputs, temp.resolve("out")));
  }

  @Test
  void collect_sameStemTwice_namesOutputsApartBySourceExtension() throws IOException {
    touch("album/photo.jpg");
    touch("album/photo.png");
    touch("album/other.jpg");

    Inputs inputs = new InputCollector(temp.resolve("out"), "png", false).collect(List.of(temp.resolve("album")));

    assertEquals(Map.of("photo.jpg", "photo-jpg.png", "photo.png", "photo-png.png", "other.jpg", "other.png"),
        outputsByLabel(inputs, temp.resolve("out")));
  }

  @Test
  void collect_fileGivenTwiceAndMissingArgument_dedupesAndReportsMissing() throws IOException {
    Path a = touch("a.bmp");

    Inputs inputs = new InputCollector(temp.resolve("out"), "png", false)
        .collect(List.of(a, temp, temp.resolve("nope.jpg")));

    assertEquals(1, inputs.items().size());
    assertEquals(List.of(temp.resolve("nope.jpg")), inputs.missing());
  }
}
