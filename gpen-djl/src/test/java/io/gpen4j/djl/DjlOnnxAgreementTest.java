package io.gpen4j.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.onnxformat.rewrite.ModelCache;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.testing.SharedData;
import io.gpen4j.testing.TestTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The onnx backend and DJL's OnnxRuntime engine compute the same thing from the same model; an
 * official GPEN export runs in the same rewritten form through both.
 */
final class DjlOnnxAgreementTest {
  @BeforeAll
  static void loadDjlOnnxRuntimeFirst() {
    // DJL must create ONNX Runtime's environment before the onnx backend does (see EngineLoader).
    EngineLoader.load(DjlEngine.ONNX_RUNTIME);
  }

  private static final double TOLERANCE = 1e-4;

  /** A public-style GPEN file: exported by the official code, kernels modulated at run time. */
  private static final String OFFICIAL_EXPORT_256 = "models/bench/GPEN-BFR-256-official-export-randw.onnx";

  private static Tensor run(InferenceBackend backend, Path model, SessionSettings settings, Tensor input) {
    try (ModelSession s = backend.open(ModelSource.of(model), settings)) {
      return s.run(Map.of("input", input)).get("output");
    }
  }

  @Test
  void run_randomGpen256_agreesWithOnnxBackendWithin1e4() {
    Tensor input = TestTensors.randomImage(256, 42);
    Path model = SharedData.randomGpen256();
    assertAgree(run(new OnnxBackend(), model, SessionSettings.DEFAULTS, input),
        run(new DjlOnnxRuntimeBackend(), model, SessionSettings.DEFAULTS, input), TOLERANCE);
  }

  @Test
  void run_officialExport256_batchOfTwo_runsTheOnnxBackendsRewrittenGraphWithin1e5(@TempDir Path tmp) throws IOException {
    Path model = SharedData.require(OFFICIAL_EXPORT_256);
    // Two faces in one call: declared for one, the rewrite takes a batch in both backends.
    float[] a = TestTensors.randomImage(256, 7).toArray();
    float[] b = TestTensors.randomImage(256, 8).toArray();
    float[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    Tensor input = Tensor.wrap(both, 2, 3, 256, 256);
    Path onnxCache = tmp.resolve("onnx");
    Path djlCache = tmp.resolve("djl");
    Tensor direct = run(new OnnxBackend(), model, SessionSettings.builder().cacheDirectory(onnxCache).build(), input);
    Tensor viaDjl = run(new DjlOnnxRuntimeBackend(), model,
        SessionSettings.builder().cacheDirectory(djlCache).build(), input);
    // DJL was handed the rewrite, under the name the onnx backend gives it, byte for byte the same.
    String sha = new ModelCache().sha256(model);
    Path rewritten = ModelCache.constantKernelModel(djlCache, sha);
    assertTrue(Files.isRegularFile(rewritten), "djl-onnxruntime did not prepare the constant-kernel form");
    assertEquals(Files.mismatch(rewritten, ModelCache.constantKernelModel(onnxCache, sha)), -1L);
    assertAgree(direct, viaDjl, 1e-5);
  }

  private static void assertAgree(Tensor direct, Tensor viaDjl, double tolerance) {
    assertArrayEquals(direct.shape(), viaDjl.shape());
    float[] a = direct.toArray();
    float[] b = viaDjl.toArray();
    double worst = 0;
    double spread = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
      spread = Math.max(spread, Math.abs(a[i]));
    }
    assertTrue(spread > 0.01, "the generator's output is flat (" + spread + "): the comparison would prove nothing");
    assertTrue(worst <= tolerance, "largest difference " + worst + " > " + tolerance);
  }
}
