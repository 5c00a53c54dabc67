package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.spi.InferenceBackend;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

final class OnnxBackendServiceLoaderTest {
  @Test
  void serviceLoader_findsOnnxBackendByName() {
    InferenceBackend found = ServiceLoader.load(InferenceBackend.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(b -> b.name().equals("onnx"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no InferenceBackend named 'onnx' registered"));
    assertEquals(OnnxBackend.class, found.getClass());
    assertTrue(found.isAvailable());
  }
}
