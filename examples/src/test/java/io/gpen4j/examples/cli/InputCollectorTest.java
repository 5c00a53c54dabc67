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

  @Test
  void collect_folderWithOtherFiles_skipsNonImagesAndKeepsImagesByNameOrContent() throws IOException {
    Path album = temp.resolve("album");
    Files.createDirectories(album);
    Files.write(album.resolve("beach.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16});
    Files.writeString(album.resolve("truncated.jpg"), "not really a JPEG"); // fails later, with a message
    Files.write(album.resolve("scan-without-extension"),
        new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13});
    Files.writeString(album.resolve("portrait.HEIC"), "ftypheic"); // refused later, by name
    Files.writeString(album.resolve("notes.txt"), "grandma's birthday, 1975");
    Files.write(album.resolve("Thumbs.db"), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2, 3});
    Files.writeString(album.resolve("beach.xmp"), "<x:xmpmeta/>");
    Files.write(album.resolve("clip.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'});

    Inputs inputs = new InputCollector(temp.resolve("out"), "png", false).collect(List.of(album));

    assertEquals(List.of("beach.jpg", "portrait.HEIC", "scan-without-extension", "truncated.jpg"),
        inputs.items().stream().map(BatchItem::label).sorted().toList());
    assertEquals(List.of("Thumbs.db", "beach.xmp", "clip.mp4", "notes.txt"),
        inputs.skipped().stream().map(p -> p.getFileName().toString()).sorted().toList());
  }

  @Test
  void collect_nonImageNamedOnTheCommandLine_isTakenNotSkipped() throws IOException {
    Path notes = touch("notes.txt");

    Inputs inputs = new InputCollector(temp.resolve("out"), "png", false).collect(List.of(notes));

    assertEquals(1, inputs.items().size());
    assertEquals(List.of(), inputs.skipped());
  }
}
