package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TestModelsTest {
  @Test
  void checkedInModels_matchTheGenerator() throws IOException {
    for (Map.Entry<String, byte[]> e : TestModels.all().entrySet()) {
      byte[] onDisk = Files.readAllBytes(TestModels.path(e.getKey()));
      assertArrayEquals(e.getValue(), onDisk, e.getKey() + " is stale; regenerate it (see models/test/README.md)");
      assertTrue(onDisk.length < 200_000, e.getKey() + " is over 200 KB");
    }
  }
}
