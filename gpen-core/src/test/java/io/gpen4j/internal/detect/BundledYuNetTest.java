package io.gpen4j.internal.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.store.Sha256;
import io.gpen4j.spi.ModelSource;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

final class BundledYuNetTest {
  @Test
  void source_unpacksTheVerifiedModelAndReplacesADamagedCopy() throws Exception {
    ModelSource first = BundledYuNet.source();
    Path file = first.path();
    assertEquals(BundledYuNet.FILE_NAME, file.getFileName().toString());
    assertEquals(232_589, Files.size(file));
    assertEquals(BundledYuNet.SHA256, Sha256.of(file));

    Files.write(file, new byte[] {1, 2, 3});
    ModelSource again = BundledYuNet.source();
    assertEquals(file, again.path());
    assertEquals(BundledYuNet.SHA256, Sha256.of(again.path()), "a damaged copy is unpacked again");
    try (var files = Files.list(file.getParent())) {
      assertTrue(files.noneMatch(p -> p.toString().endsWith(".part")), "no partial file left");
    }
  }

  @Test
  void jar_shipsTheLicenceBesideTheModel() throws Exception {
    try (InputStream in = BundledYuNet.class.getResourceAsStream("/io/gpen4j/detectors/LICENSE-yunet.txt")) {
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(text.contains("MIT License") && text.contains("Shiqi Yu"), text);
    }
  }
}
