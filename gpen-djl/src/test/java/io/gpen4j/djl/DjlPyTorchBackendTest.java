package io.gpen4j.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BackendException;
import io.gpen4j.ModelException;
import io.gpen4j.RestorationException;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import io.gpen4j.testing.CheckedInModels;
import io.gpen4j.testing.ConcurrentRuns;
import io.gpen4j.testing.TestTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only DJL's PyTorch engine has, beyond the shared contract that
 * {@link DjlPyTorchBackendContractTest} runs: TorchScript descriptions, ONNX files handed to the
 * OnnxRuntime engine, a predictor pool, half-precision modules.
 */
final class DjlPyTorchBackendTest {
  private static final String INPUT = "input";
  private static final String OUTPUT = "output";

  @TempDir
  Path tmp;

  private static SessionSettings settings() {
    return SessionSettings.builder().concurrency(4).build();
  }

  private static ModelSession open(String file) {
    return new DjlPyTorchBackend().open(ModelSource.of(CheckedInModels.path(file)), settings());
  }

  @Test
  void open_setsLibtorchIntraOpThreads_explicitOrOnePerCore() {
    Path model = CheckedInModels.path("identity-256.pt");
    for (int threads : new int[] {1, 3}) {
      try (ModelSession s = new DjlPyTorchBackend().open(ModelSource.of(model),
          SessionSettings.builder().intraOpThreads(threads).build())) {
        assertEquals(threads, ai.djl.pytorch.jni.JniUtils.getNumThreads());
      }
    }
    try (ModelSession s = new DjlPyTorchBackend().open(ModelSource.of(model), SessionSettings.DEFAULTS)) {
      assertEquals(Runtime.getRuntime().availableProcessors(), ai.djl.pytorch.jni.JniUtils.getNumThreads());
    }
  }

  @Test
  void open_identity256_describesInputAndOutputFromEmbeddedJson() {
    try (ModelSession s = open("identity-256.pt")) {
      assertEquals(List.of(new TensorInfo(INPUT, new long[] {1, 3, 256, 256}, ElementType.FLOAT32)), s.inputs());
      assertEquals(List.of(new TensorInfo(OUTPUT, new long[] {1, 3, 256, 256}, ElementType.FLOAT32)), s.outputs());
    }
  }

  @Test
  void open_onnxFile_runsOnDjlOnnxRuntime() {
    Tensor x = TestTensors.randomImage(256, 12);
    try (ModelSession s = open("identity-256.onnx")) {
      assertTrue(s.toString().contains("djl-onnxruntime"), s.toString());
      assertArrayEquals(x.toArray(), s.run(Map.of(INPUT, x)).get(OUTPUT).toArray());
    }
  }

  @Test
  void open_onnxFileUnderAnotherName_throwsModelExceptionSayingTorchScript() throws IOException {
    Path renamed = tmp.resolve("detector.pt");
    Files.copy(CheckedInModels.path("identity-256.onnx"), renamed);
    ModelException e = assertThrows(ModelException.class,
        () -> new DjlPyTorchBackend().open(ModelSource.of(renamed), settings()));
    assertTrue(e.getMessage().contains("detector.pt"), e.getMessage());
    assertTrue(e.getMessage().contains("TorchScript"), e.getMessage());
  }

  @Test
  void open_undescribedGpenNamedModel_takesSizeFromFileName() {
    try (ModelSession s = open("gpen-identity-256-undescribed.pt")) {
      assertArrayEquals(new long[] {1, 3, 256, 256}, s.inputs().get(0).shape());
      Tensor x = TestTensors.randomImage(256, 9);
      assertArrayEquals(x.toArray(), s.run(Map.of(INPUT, x)).get(OUTPUT).toArray());
    }
  }

  @Test
  void open_undescribedModelWithSidecar_readsSidecar() throws IOException {
    Path model = tmp.resolve("mystery.pt");
    Files.copy(CheckedInModels.path("gpen-identity-256-undescribed.pt"), model);
    Files.writeString(TorchScriptSignature.sidecar(model),
        "{\"inputs\": [{\"name\": \"pixels\", \"shape\": [1, 3, -1, -1]}],"
            + " \"outputs\": [{\"name\": \"restored\", \"shape\": [1, 3, -1, -1]}]}");
    try (ModelSession s = new DjlPyTorchBackend().open(ModelSource.of(model), settings())) {
      assertEquals("[1,3,?,?]", s.inputs().get(0).shapeText());
      Tensor x = TestTensors.randomImage(64, 10);
      assertArrayEquals(x.toArray(), s.run(Map.of("pixels", x)).get("restored").toArray());
    }
  }

  @Test
  void open_undescribedModel_throwsModelExceptionShowingTheDescription() throws IOException {
    Path model = tmp.resolve("mystery.pt");
    Files.copy(CheckedInModels.path("gpen-identity-256-undescribed.pt"), model);
    ModelException e = assertThrows(ModelException.class,
        () -> new DjlPyTorchBackend().open(ModelSource.of(model), settings()));
    assertTrue(e.getMessage().contains("mystery.pt"), e.getMessage());
    assertTrue(e.getMessage().contains(TorchScriptSignature.EXTRA_FILE), e.getMessage());
    assertTrue(e.getMessage().contains("mystery.pt.json"), e.getMessage());
  }

  @Test
  void run_fourThreadsOnPoolOfTwo_eachGetsItsOwnResult() throws InterruptedException {
    int threads = 4;
    int runs = 15;
    SessionSettings two = SessionSettings.builder().concurrency(2).build();
    try (ModelSession s = new DjlPyTorchBackend().open(ModelSource.of(CheckedInModels.path("conv-small.pt")), two)) {
      Map<Long, float[]> expected = new HashMap<>();
      for (int t = 0; t < threads; t++) {
        for (int r = 0; r < runs; r++) {
          long seed = ConcurrentRuns.seed(t, r);
          expected.put(seed, s.run(Map.of(INPUT, TestTensors.randomImage(32, seed))).get(OUTPUT).toArray());
        }
      }
      ConcurrentRuns.runTogether(threads, runs, (thread, run) -> {
        long seed = ConcurrentRuns.seed(thread, run);
        float[] y = s.run(Map.of(INPUT, TestTensors.randomImage(32, seed))).get(OUTPUT).toArray();
        if (!Arrays.equals(expected.get(seed), y)) {
          throw new AssertionError("thread " + thread + " run " + run + " got another caller's result");
        }
      });
    }
  }

  @Test
  void close_whileFourThreadsRun_finishesOrFailsEveryRunWithClosed() throws InterruptedException {
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    SessionSettings two = SessionSettings.builder().concurrency(2).build();
    ModelSession s = new DjlPyTorchBackend().open(ModelSource.of(CheckedInModels.path("identity-256.pt")), two);
    try {
      CountDownLatch running = new CountDownLatch(threads);
      List<Future<String>> endings = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        endings.add(pool.submit(() -> {
          for (int r = 0; ; r++) {
            Tensor x = TestTensors.randomImage(256, thread * 1000L + r);
            try {
              float[] y = s.run(Map.of(INPUT, x)).get(OUTPUT).toArray();
              if (!Arrays.equals(x.toArray(), y)) {
                return "thread " + thread + " got a wrong result";
              }
            } catch (RestorationException e) {
              return e.getMessage();
            }
            if (r == 2) {
              running.countDown();
            }
          }
        }));
      }
      assertTrue(running.await(60, TimeUnit.SECONDS), "the runs did not get going");
      s.close();
      for (Future<String> f : endings) {
        String ending;
        try {
          ending = f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
          throw new AssertionError("a run failed other than with 'closed'", e);
        }
        assertTrue(ending.contains("closed"), ending);
      }
    } finally {
      s.close();
      pool.shutdownNow();
    }
  }

  @Test
  void open_fp16OnFloat32Module_throwsBackendExceptionSayingHalf() {
    SessionSettings fp16 = settings().toBuilder().precision(Precision.FP16).build();
    BackendException e = assertThrows(BackendException.class,
        () -> new DjlPyTorchBackend().open(ModelSource.of(CheckedInModels.path("conv-small.pt")), fp16).close());
    assertTrue(e.getMessage().contains("FP16"), e.getMessage());
    assertTrue(e.getMessage().contains("conv-small.pt"), e.getMessage());
  }

  @Test
  void run_halfModule_takesAndReturnsFloat32CloseToFloat32Module() {
    Tensor x = TestTensors.randomImage(32, 11);
    float[] full;
    try (ModelSession s = open("conv-small.pt")) {
      full = s.run(Map.of(INPUT, x)).get(OUTPUT).toArray();
    }
    SessionSettings fp16 = settings().toBuilder().precision(Precision.FP16).build();
    try (ModelSession s = new DjlPyTorchBackend().open(ModelSource.of(CheckedInModels.path("conv-small-fp16.pt")), fp16)) {
      assertEquals(ElementType.FLOAT16, s.inputs().get(0).elementType());
      float[] half = s.run(Map.of(INPUT, x)).get(OUTPUT).toArray();
      assertEquals(full.length, half.length);
      double worst = 0;
      for (int i = 0; i < full.length; i++) {
        worst = Math.max(worst, Math.abs(full[i] - half[i]));
      }
      // float16 keeps 11 significant bits: a few 1e-3 on values of order 1 after two convolutions.
      assertTrue(worst < 2e-2, "FP16 differs from FP32 by " + worst);
      assertFalse(Arrays.equals(full, half), "FP16 gave bit-identical results: the module did not run in half");
    }
  }
}
