package io.gpen4j.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class VerifiedFilesTest {
  @TempDir Path temp;

  private Path file(int size, long seed) throws IOException {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return Files.write(temp.resolve("model-" + seed + ".onnx"), bytes);
  }

  @Test
  void sha256_hashesOnceThenKnowsTheSameFile() throws IOException {
    Path file = file(4096, 1);
    VerifiedFiles verified = new VerifiedFiles();

    String hash = verified.sha256(file);

    assertEquals(Sha256.of(file), hash);
    assertEquals(Optional.of(hash), new VerifiedFiles().knownHash(file), "known for the rest of the process");
  }

  @Test
  void sha256_fourBytesFlippedInPlaceWithTimestampRestored_isSeen() throws IOException {
    Path file = file(1 << 16, 2);
    VerifiedFiles verified = new VerifiedFiles();
    String good = verified.sha256(file);
    FileTime modified = Files.getLastModifiedTime(file);

    // Same size, same modification time, same inode: only the bytes (and the change time) differ.
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(1000);
      raf.writeInt(~ByteBuffer.wrap(Files.readAllBytes(file), 1000, 4).getInt());
    }
    Files.setLastModifiedTime(file, modified);

    String found = new VerifiedFiles().sha256(file);
    assertTrue(!good.equals(found), "the corrupted file must not pass as the good one");
    assertEquals(Sha256.of(file), found);
  }

  @Test
  void sha256_fileReplacedByRename_isHashedAgain() throws IOException {
    Path file = file(4096, 3);
    VerifiedFiles verified = new VerifiedFiles();
    verified.sha256(file);
    Path other = file(4096, 4);
    Files.setLastModifiedTime(other, Files.getLastModifiedTime(file));

    Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertEquals(Sha256.of(file), verified.sha256(file));
  }

  @Test
  void remember_thenForget() throws IOException {
    Path file = file(100, 5);
    VerifiedFiles verified = new VerifiedFiles();
    verified.remember(file, Sha256.of(file));
    assertEquals(Optional.of(Sha256.of(file)), verified.knownHash(file));

    verified.forget(file);

    assertEquals(Optional.empty(), verified.knownHash(file));
  }

  @Test
  void sha256_writesNothing() throws IOException {
    Path file = file(100, 6);

    new VerifiedFiles().sha256(file);

    try (var files = Files.list(temp)) {
      assertEquals(1, files.count(), "no stamp files: the cache folder may be read-only");
    }
  }
}
