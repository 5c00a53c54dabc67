package io.gpen4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.store.Sha256;
import io.gpen4j.models.Models;
import io.gpen4j.testing.SharedData;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalogue model corrupted in place in the download cache (4 bytes flipped, its modification
 * time put back) is caught, and named corrupted with the fix, not "not on this machine ... put it
 * at" the very same path. A child JVM, for a download cache of its own ({@code XDG_CACHE_HOME}).
 */
final class CorruptedModelMessageTest {
  @TempDir Path temp;

  @Test
  void restore_cachedDetectorCorruptedInPlace_saysCorruptedExpectedFound() throws Exception {
    Path cache = Files.createDirectories(temp.resolve("xdg").resolve("gpen4j"));
    Path cached = Files.copy(SharedData.yunet(), cache.resolve(Models.YUNET.fileName()));
    FileTime modified = Files.getLastModifiedTime(cached);
    try (RandomAccessFile raf = new RandomAccessFile(cached.toFile(), "rw")) {
      raf.seek(5000);
      int v = raf.readInt();
      raf.seek(5000);
      raf.writeInt(~v);
    }
    Files.setLastModifiedTime(cached, modified);

    ChildGpen4j child = ChildGpen4j.start(temp.resolve("run"), List.of("restore",
        SharedData.image("astronaut.png").toString(), "-o", temp.resolve("out").toString(),
        "--model", SharedData.randomGpen256().toString(), "--detector", "yunet", "--progress", "none"),
        Map.of("XDG_CACHE_HOME", temp.resolve("xdg").toString()));

    assertTrue(child.process().waitFor(3, TimeUnit.MINUTES));
    String out = child.output();
    assertEquals(1, child.process().exitValue(), out);
    assertTrue(out.contains("the cached file " + cached + " is corrupted: expected sha256 "
        + Models.YUNET.sha256() + ", found " + Sha256.of(cached)), out);
    assertTrue(out.contains("Delete it and run again with --allow-download"), out);
  }
}
