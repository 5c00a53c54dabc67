package io.gpen4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The driver's listing: what Spark's file sources list, shared output names, and the dealing of tasks. */
final class ArchiveListingTest {
  @TempDir Path dir;

  private Path file(String relative, int bytes) throws IOException {
    Path f = dir.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.write(f, new byte[bytes]);
    return f;
  }

  @Test
  void of_listsEveryFileRecursively_qualified_withoutHiddenNames_keepingEmptyOnes() throws IOException {
    file("a.jpg", 10);
    file("1975/b.png", 20);
    file("1975/deep/c.jpg", 0);
    file(".hidden.jpg", 5);
    file("_SUCCESS", 0);
    file("1975/.staging/d.jpg", 5);
    file("_tmp/e.jpg", 5);

    ArchiveListing listing = ArchiveListing.of(dir.toString(), new Configuration());

    Map<String, Long> files = new HashMap<>();
    listing.files().forEach(f -> files.put(f.path(), f.length()));
    String root = "file:" + dir.toAbsolutePath();
    assertEquals(Map.of(root + "/a.jpg", 10L, root + "/1975/b.png", 20L, root + "/1975/deep/c.jpg", 0L), files);
    assertEquals(root, listing.root());
  }

  @Test
  void of_aFile_listsIt() throws IOException {
    Path one = file("one.jpg", 3);

    ArchiveListing listing = ArchiveListing.of(one.toString(), new Configuration());

    assertEquals(List.of(new ArchiveListing.File("file:" + one.toAbsolutePath(), 3)), listing.files());
  }

  @Test
  void of_missingInput_failsNamingIt() {
    Path missing = dir.resolve("nowhere");

    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> ArchiveListing.of(missing.toString(), new Configuration()));

    assertTrue(e.getMessage().startsWith("cannot list " + missing), e.getMessage());
  }

  @Test
  void sharedStems_areTheOutputsTwoInputsWouldShare() throws IOException {
    file("same/a.jpg", 1);
    file("same/a.png", 1);
    file("same/b.png", 1);
    file("other/a.jpg", 1);
    ArchiveListing listing = ArchiveListing.of(dir.toString(), new Configuration());
    OutputLayout layout = new OutputLayout(OutputLayout.withoutScheme(listing.root()), "/out", "png", Set.of());

    assertEquals(Set.of("same/a"), listing.sharedStems(layout));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void deal_givesEveryFileOnce_groupsDifferByAtMostOneFile_andTheLargestAreSpread(long seed) {
    Random rnd = new Random(seed);
    int count = 1 + rnd.nextInt(60);
    int groups = 1 + rnd.nextInt(Math.min(count, 16));
    List<ArchiveListing.File> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      files.add(new ArchiveListing.File("file:/a/" + i + ".jpg", 1 + rnd.nextInt(1_000_000)));
    }

    List<List<String>> dealt = ArchiveListing.deal(files, groups);

    assertEquals(groups, dealt.size());
    Set<String> all = new TreeSet<>();
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (List<String> g : dealt) {
      all.addAll(g);
      min = Math.min(min, g.size());
      max = Math.max(max, g.size());
    }
    assertEquals(count, all.size(), "every file once");
    assertEquals(count, dealt.stream().mapToInt(List::size).sum(), "no file twice");
    assertTrue(max - min <= 1, "sizes " + min + ".." + max);
    // The first file of each group is one of the `groups` largest files.
    Map<String, Long> length = new HashMap<>();
    files.forEach(f -> length.put(f.path(), f.length()));
    long nthLargest = files.stream().map(ArchiveListing.File::length).sorted((x, y) -> Long.compare(y, x))
        .skip(groups - 1).findFirst().orElseThrow();
    for (List<String> g : dealt) {
      assertTrue(length.get(g.get(0)) >= nthLargest, g.get(0));
    }
  }
}
