package io.gpen4j.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class VerifiedFilesTest {
  @TempDir Path temp;

  @Test
  void sha256_stampsFile_thenTrustsStampWhileUnchanged() throws IOException {
    Path file = temp.resolve("model.onnx");
    Files.write(file, new byte[] {1, 2, 3});
    VerifiedFiles verified = new VerifiedFiles(temp.resolve("stamps"));

    assertEquals(Optional.empty(), verified.knownHash(file));
    String hash = verified.sha256(file);

    assertEquals(Sha256.of(new byte[] {1, 2, 3}), hash);
    assertEquals(Optional.of(hash), new VerifiedFiles(temp.resolve("stamps")).knownHash(file));
  }

  @Test
  void knownHash_fileChanged_isForgotten() throws IOException {
    Path file = temp.resolve("model.onnx");
    Files.write(file, new byte[] {1, 2, 3});
    VerifiedFiles verified = new VerifiedFiles(temp.resolve("stamps"));
    verified.sha256(file);

    Files.write(file, new byte[] {1, 2, 3, 4});

    assertEquals(Optional.empty(), verified.knownHash(file));
    assertEquals(Sha256.of(new byte[] {1, 2, 3, 4}), verified.sha256(file));
  }

  @Test
  void knownHash_sameSizeNewTimestamp_isForgotten() throws IOException {
    Path file = temp.resolve("model.onnx");
    Files.write(file, new byte[] {1, 2, 3});
    VerifiedFiles verified = new VerifiedFiles(temp.resolve("stamps"));
    verified.sha256(file);

    Files.write(file, new byte[] {9, 9, 9});
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));

    assertEquals(Optional.empty(), verified.knownHash(file));
  }

  @Test
  void remember_unwritableStampFolder_isIgnored() throws IOException {
    Path file = temp.resolve("model.onnx");
    Files.write(file, new byte[] {1});
    Path notAFolder = temp.resolve("plain-file");
    Files.write(notAFolder, new byte[] {0});
    VerifiedFiles verified = new VerifiedFiles(notAFolder);

    assertEquals(Sha256.of(new byte[] {1}), verified.sha256(file));
    assertEquals(Optional.empty(), verified.knownHash(file));
  }
}
