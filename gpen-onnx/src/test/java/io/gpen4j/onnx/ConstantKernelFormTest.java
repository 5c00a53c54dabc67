package io.gpen4j.onnx;

import io.gpen4j.onnxformat.rewrite.ConstantKernelForm;
import io.gpen4j.onnxformat.rewrite.ModelCache;
import io.gpen4j.onnxformat.testing.OfficialStyleGraphs;
import io.gpen4j.onnxformat.testing.ModelBuilder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import io.gpen4j.onnxformat.ProtoMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rewrite as the backend applies it: cached, reused, rebuilt, and off on request. */
final class ConstantKernelFormTest {
  private static final int IN = 6;
  private static final int SIZE = 9;

  @TempDir
  Path tmp;

  private Path model;
  private Path cacheDir;
  private String sha;

  @BeforeEach
  void writeModel() throws IOException {
    model = tmp.resolve("official-style.onnx");
    Files.write(model, OfficialStyleGraphs.modulatedConv(5, true, false, IN, 4, 3, SIZE, 2, 3, 4));
    cacheDir = tmp.resolve("cache");
    sha = new ModelCache().sha256(model);
  }

  private static Map<String, Tensor> feed() {
    return Map.of(
        "input", Tensor.wrap(OfficialStyleGraphs.randomInput(1, IN * SIZE * SIZE), 1, IN, SIZE, SIZE),
        "style", Tensor.wrap(OfficialStyleGraphs.randomInput(2, IN), 1, IN));
  }

  private static float[] run(Path file, SessionSettings settings) {
    try (ModelSession s = new OnnxBackend().open(ModelSource.of(file), settings)) {
      return s.run(feed()).get("output").toArray();
    }
  }

  /** The file loaded as exported, without a cache folder. */
  private float[] original() {
    return run(model, SessionSettings.builder().intraOpThreads(1).rewriteOfficialExports(false).build());
  }

  private SessionSettings cached() {
    return SessionSettings.builder().intraOpThreads(1).cacheDirectory(cacheDir).build();
  }

  private List<String> cacheFiles() throws IOException {
    try (Stream<Path> s = Files.list(cacheDir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("digests")).sorted().toList();
    }
  }

  @Test
  void open_withoutCacheFolder_runsTheRewriteInMemoryWithTheSameOutput() throws Exception {
    assertArrayEquals(original(), run(model, SessionSettings.builder().intraOpThreads(1).build()), 1e-5f);
  }

  @Test
  void open_twice_writesTheRewriteOnceAndReusesIt() throws Exception {
    float[] expected = original();
    assertArrayEquals(expected, run(model, cached()), 1e-5f);
    Path rewritten = ModelCache.constantKernelModel(cacheDir, sha);
    assertTrue(Files.isRegularFile(rewritten), "no rewrite in " + cacheFiles());
    assertTrue(cacheFiles().stream().anyMatch(n -> n.startsWith(ModelCache.constantKernelKey(sha) + ".fp32.")
        && n.endsWith(".optimized.onnx")), "the optimised model is not keyed by the rewrite: " + cacheFiles());
    FileTime written = FileTime.fromMillis(1_000_000_000L);
    Files.setLastModifiedTime(rewritten, written);

    assertArrayEquals(expected, run(model, cached()), 1e-5f);
    assertEquals(written, Files.getLastModifiedTime(rewritten), "the second open rewrote the model again");
    assertFalse(cacheFiles().stream().anyMatch(n -> n.endsWith(".tmp")), "temporary files left: " + cacheFiles());
  }

  @Test
  void open_cachedRewriteThatIsNotProtobuf_isRebuilt() throws Exception {
    run(model, cached());
    Path rewritten = ModelCache.constantKernelModel(cacheDir, sha);
    Files.write(rewritten, new byte[] {(byte) 0xff, (byte) 0xff, 0x17});
    deleteOptimised();

    assertArrayEquals(original(), run(model, cached()), 1e-5f);
    assertTrue(Files.size(rewritten) > 100, "the corrupt rewrite was not replaced");
  }

  @Test
  void open_cachedRewriteThatOnnxRuntimeRejects_isRebuilt() throws Exception {
    run(model, cached());
    Path rewritten = ModelCache.constantKernelModel(cacheDir, sha);
    // Well-formed protobuf with a graph, but an operator that does not exist.
    Files.write(rewritten, new ModelBuilder("broken").input("input", DataType.FLOAT, 1)
        .output("output", DataType.FLOAT, 1).node("NoSuchOperator", List.of("input"), List.of("output"))
        .toByteArray());
    deleteOptimised();

    assertArrayEquals(original(), run(model, cached()), 1e-5f);
    assertTrue(Files.size(rewritten) > 100, "the rejected rewrite was not replaced");
  }

  private void deleteOptimised() throws IOException {
    for (String n : cacheFiles()) {
      if (n.endsWith(".optimized.onnx")) {
        Files.delete(cacheDir.resolve(n));
      }
    }
  }

  @Test
  void open_constantKernelModel_leavesAMarkerAndNoCopy() throws IOException {
    Path conv = TestModels.path(TestModels.CONV_SMALL);
    String convSha = new ModelCache().sha256(conv);
    try (ModelSession s = new OnnxBackend().open(ModelSource.of(conv), cached())) {
      assertEquals(List.of("input"), s.inputs().stream().map(i -> i.name()).toList());
    }
    assertTrue(Files.isRegularFile(ModelCache.constantKernelUnchanged(cacheDir, convSha)), cacheFiles().toString());
    assertFalse(Files.exists(ModelCache.constantKernelModel(cacheDir, convSha)));
    assertTrue(cacheFiles().stream().anyMatch(n -> n.startsWith(convSha + ".fp32.")), cacheFiles().toString());
  }

  @Test
  void open_withRewriteSwitchedOff_loadsTheFileAsExported() throws Exception {
    assertArrayEquals(original(), run(model, cached().toBuilder().rewriteOfficialExports(false).build()), 1e-5f);
    assertFalse(Files.exists(ModelCache.constantKernelModel(cacheDir, sha)), cacheFiles().toString());
    assertTrue(cacheFiles().stream().anyMatch(n -> n.startsWith(sha + ".fp32.")), cacheFiles().toString());
  }

  @Test
  void open_withoutCacheFolder_leavesNoTemporaryRewrite() throws Exception {
    Set<Path> before = temporaryRewrites();
    assertArrayEquals(original(), run(model, SessionSettings.builder().intraOpThreads(1).build()), 1e-5f);
    Set<Path> left = temporaryRewrites();
    left.removeAll(before);
    assertEquals(Set.of(), left, "temporary rewrite left behind");
  }

  private static Set<Path> temporaryRewrites() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("gpen4j-constant-kernel-"))
          .collect(Collectors.toCollection(HashSet::new));
    }
  }

}
