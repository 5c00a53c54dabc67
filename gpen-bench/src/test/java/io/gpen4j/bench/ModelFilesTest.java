package io.gpen4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.spi.Device;
import io.gpen4j.spi.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ModelFilesTest {
  @TempDir
  Path dir;

  private static BenchConfig config(String backend, Precision precision, int size) {
    return new BenchConfig(backend, Device.cpu(), precision, size);
  }

  @Test
  void find_onnxBackendFp16_usesTheFp32File() throws IOException {
    Path fp32 = Files.createFile(dir.resolve("GPEN-BFR-256-randw.onnx"));
    assertEquals(Optional.of(fp32), new ModelFiles(List.of(dir)).find(config("onnx", Precision.FP16, 256)));
  }

  @Test
  void find_djlFp16_needsAFloat16File() throws IOException {
    Files.createFile(dir.resolve("GPEN-BFR-256-randw.onnx"));
    ModelFiles files = new ModelFiles(List.of(dir));
    assertEquals(Optional.empty(), files.find(config("djl-onnxruntime", Precision.FP16, 256)));
    Path half = Files.createFile(dir.resolve("GPEN-BFR-256-randw-fp16.onnx"));
    assertEquals(Optional.of(half), files.find(config("djl-onnxruntime", Precision.FP16, 256)));
  }

  @Test
  void find_djlPyTorch_looksForTorchScript() throws IOException {
    Files.createFile(dir.resolve("GPEN-BFR-512-randw.onnx"));
    Path pt = Files.createFile(dir.resolve("GPEN-BFR-512-randw.pt"));
    assertEquals(Optional.of(pt), new ModelFiles(List.of(dir)).find(config("djl-pytorch", Precision.FP32, 512)));
  }

  @Test
  void find_realAndRandomWeights_prefersTheRealModel() throws IOException {
    Files.createFile(dir.resolve("GPEN-BFR-512-randw.onnx"));
    Path real = Files.createFile(dir.resolve("GPEN-BFR-512.onnx"));
    assertEquals(Optional.of(real), new ModelFiles(List.of(dir)).find(config("onnx", Precision.FP32, 512)));
  }

  @Test
  void missingReason_namesTheFilesAndTheConverterCommand() {
    String reason = new ModelFiles(List.of(dir)).missingReason(config("djl-pytorch", Precision.FP16, 1024));
    assertTrue(reason.contains("GPEN-BFR-1024-randw-fp16.pt"), reason);
    assertTrue(reason.contains("convert.py --preset GPEN-BFR-1024 --random-weights --fp16 --torchscript"), reason);
    assertTrue(reason.contains(dir.toString()), reason);
  }
}
