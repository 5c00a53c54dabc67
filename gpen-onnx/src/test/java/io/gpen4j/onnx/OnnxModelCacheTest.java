package io.gpen4j.onnx;

import io.gpen4j.onnxformat.rewrite.ModelCache;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.onnxformat.OnnxFields;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class OnnxModelCacheTest {
  @TempDir
  Path cacheDir;

  private static final Tensor INPUT = input();

  private static Tensor input() {
    Random r = new Random(9);
    float[] v = new float[3 * 32 * 32];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return Tensor.wrap(v, 1, 3, 32, 32);
  }

  private static float[] run(SessionSettings settings) {
    try (ModelSession s = new OnnxBackend().open(ModelSource.of(TestModels.path(TestModels.CONV_SMALL)), settings)) {
      return s.run(Map.of("input", INPUT)).get("output").toArray();
    }
  }

  private List<Path> files(String suffix) throws IOException {
    try (Stream<Path> s = Files.list(cacheDir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
    }
  }

  @Test
  void open_twiceWithCacheDirectory_writesThenReusesTheOptimisedModel() throws IOException {
    SessionSettings settings = SessionSettings.builder().intraOpThreads(1).cacheDirectory(cacheDir).build();
    float[] expected = run(SessionSettings.builder().intraOpThreads(1).build());

    assertArrayEquals(expected, run(settings), 1e-6f);
    List<Path> optimized = files(".optimized.onnx");
    assertEquals(1, optimized.size(), "one optimised model: " + optimized);
    Path file = optimized.get(0);
    String sha = new ModelCache().sha256(TestModels.path(TestModels.CONV_SMALL));
    assertTrue(file.getFileName().toString().startsWith(sha + ".fp32.all.cpu."), file.toString());
    FileTime written = FileTime.fromMillis(1_000_000_000L);
    Files.setLastModifiedTime(file, written);

    assertArrayEquals(expected, run(settings), 1e-6f);
    assertEquals(written, Files.getLastModifiedTime(file), "the second open rewrote the cached file");
    assertEquals(List.of(), files(".tmp"), "temporary files left behind");
  }

  @Test
  void open_corruptCachedModel_rebuildsIt() throws IOException {
    SessionSettings settings = SessionSettings.builder().intraOpThreads(1).cacheDirectory(cacheDir).build();
    float[] expected = run(settings);
    Path file = files(".optimized.onnx").get(0);
    Files.write(file, new byte[] {1, 2, 3});

    assertArrayEquals(expected, run(settings), 1e-6f);
    assertTrue(Files.size(file) > 3, "the corrupt cache file was not replaced");
  }

  @Test
  void open_fp16WithCacheDirectory_cachesTheConversionAndReusesIt() throws IOException {
    SessionSettings fp16 = SessionSettings.builder().intraOpThreads(1).precision(Precision.FP16)
        .cacheDirectory(cacheDir).build();
    float[] first = run(fp16);
    String sha = new ModelCache().sha256(TestModels.path(TestModels.CONV_SMALL));
    Path converted = ModelCache.fp16Model(cacheDir, sha);
    assertTrue(Files.isRegularFile(converted), "no FP16 conversion in " + cacheDir);
    ProtoMessage graph = ProtoMessage.parse(Files.readAllBytes(converted)).message(OnnxFields.Model.GRAPH).orElseThrow();
    for (ProtoMessage init : graph.messages(OnnxFields.Graph.INITIALIZER)) {
      assertEquals(OnnxFields.DataType.FLOAT16, init.varint(OnnxFields.Tensor.DATA_TYPE, 0));
    }
    assertEquals(1, files(".optimized.onnx").stream()
        .filter(p -> p.getFileName().toString().contains("." + ModelCache.FP16_FORMAT + ".")).count());
    FileTime written = FileTime.fromMillis(1_000_000_000L);
    Files.setLastModifiedTime(converted, written);

    assertArrayEquals(first, run(fp16), 0f);
    assertEquals(written, Files.getLastModifiedTime(converted), "the conversion was redone");
  }

  @Test
  void open_cacheFolderThatCannotBeWritten_runsAsWithoutACache() throws IOException {
    // A folder under a regular file cannot be created, by root either (a read-only mount, a full
    // disk or a folder of another user fail the same way): the WARN says it goes on, and it must.
    Path blocker = Files.writeString(cacheDir.resolve("not-a-folder"), "x");
    SessionSettings unwritable = SessionSettings.builder().intraOpThreads(1)
        .cacheDirectory(blocker.resolve("sessions")).build();

    float[] withoutCache = run(SessionSettings.builder().intraOpThreads(1).build());

    assertArrayEquals(withoutCache, run(unwritable), 0f);
    try (ModelSession s = new OnnxBackend().open(ModelSource.of(io.gpen4j.testing.SharedData.yunet()), unwritable)) {
      assertEquals(1, s.inputs().size(), "a model that needs no rewrite opens too");
    }
  }
}
