package io.gpen4j.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class Sha256Test {
  @TempDir Path temp;

  @Test
  void of_matchesFips180Vector() {
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1_048_575, 1_048_576, 1_048_577, 3_000_001})
  void ofFile_equalsOfBytes_acrossBufferBoundaries(int size) throws IOException {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    Path file = temp.resolve("f" + size);
    Files.write(file, bytes);

    assertEquals(Sha256.of(bytes), Sha256.of(file));
  }

  @Test
  void update_prefixThenRest_equalsWhole() throws IOException {
    byte[] bytes = new byte[200_000];
    new Random(3).nextBytes(bytes);
    Path file = temp.resolve("f");
    Files.write(file, bytes);
    MessageDigest digest = Sha256.newDigest();

    assertEquals(70_000, Sha256.update(digest, file, 70_000));
    digest.update(bytes, 70_000, bytes.length - 70_000);

    assertEquals(Sha256.of(bytes), Sha256.hex(digest));
  }
}
