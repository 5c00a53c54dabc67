package io.gpen4j.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gpen4j.BackendException;
import io.gpen4j.ModelException;
import io.gpen4j.RestorationException;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend contract (the same cases as gpen-core's {@code BackendContractTest}, which is
 * written for .onnx files) run through DJL's PyTorch engine on the TorchScript twins of the test
 * models, plus what only TorchScript has: descriptions, half-precision modules.
 */
final class DjlPyTorchBackendTest {
  private static final String INPUT = "input";
  private static final String OUTPUT = "output";

  @TempDir
  Path tmp;

  static Path testModel(String file) {
    Path p = Paths.get(System.getProperty("gpen4j.repo", ".."), "models", "test", file).toAbsolutePath().normalize();
    if (!Files.isRegularFile(p)) {
      fail("checked-in test model missing: " + p + " (regenerate with models/test/make_torchscript_models.py)");
    }
    return p;
  }

  static Tensor randomImage(int size, long seed) {
    Random r = new Random(seed);
    float[] v = new float[3 * size * size];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return Tensor.wrap(v, 1, 3, size, size);
  }

  private static SessionSettings settings() {
    return SessionSettings.builder().concurrency(4).build();
  }

  private static ModelSession open(String file) {
    return new DjlPyTorchBackend().open(ModelSource.of(testModel(file)), settings());
  }

  private static boolean gpuPresent() {
    return Files.exists(Paths.get("/dev/nvidia0")) || Files.exists(Paths.get("/proc/driver/nvidia/version"));
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
    Tensor x = randomImage(256, 12);
    try (ModelSession s = open("identity-256.onnx")) {
      assertTrue(s.toString().contains("djl-onnxruntime"), s.toString());
      assertArrayEquals(x.toArray(), s.run(Map.of(INPUT, x)).get(OUTPUT).toArray());
    }
  }

  @Test
  void open_onnxFileUnderAnotherName_throwsModelExceptionSayingTorchScript() throws IOException {
    Path renamed = tmp.resolve("detector.pt");
    Files.copy(testModel("identity-256.onnx"), renamed);
    ModelException e = assertThrows(ModelException.class,
        () -> new DjlPyTorchBackend().open(ModelSource.of(renamed), settings()));
    assertTrue(e.getMessage().contains("detector.pt"), e.getMessage());
    assertTrue(e.getMessage().contains("TorchScript"), e.getMessage());
  }

  @Test
  void open_undescribedGpenNamedModel_takesSizeFromFileName() {
    try (ModelSession s = open("gpen-identity-256-undescribed.pt")) {
      assertArrayEquals(new long[] {1, 3, 256, 256}, s.inputs().get(0).shape());
      Tensor x = randomImage(256, 9);
      assertArrayEquals(x.toArray(), s.run(Map.of(INPUT, x)).get(OUTPUT).toArray());
    }
  }

  @Test
  void open_undescribedModelWithSidecar_readsSidecar() throws IOException {
    Path model = tmp.resolve("mystery.pt");
    Files.copy(testModel("gpen-identity-256-undescribed.pt"), model);
    Files.writeString(TorchScriptSignature.sidecar(model),
        "{\"inputs\": [{\"name\": \"pixels\", \"shape\": [1, 3, -1, -1]}],"
            + " \"outputs\": [{\"name\": \"restored\", \"shape\": [1, 3, -1, -1]}]}");
    try (ModelSession s = new DjlPyTorchBackend().open(ModelSource.of(model), settings())) {
      assertEquals("[1,3,?,?]", s.inputs().get(0).shapeText());
      Tensor x = randomImage(64, 10);
      assertArrayEquals(x.toArray(), s.run(Map.of("pixels", x)).get("restored").toArray());
    }
  }

  @Test
  void open_undescribedModel_throwsModelExceptionShowingTheDescription() throws IOException {
    Path model = tmp.resolve("mystery.pt");
    Files.copy(testModel("gpen-identity-256-undescribed.pt"), model);
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
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    SessionSettings two = SessionSettings.builder().concurrency(2).build();
    try (ModelSession s = new DjlPyTorchBackend().open(ModelSource.of(testModel("conv-small.pt")), two)) {
      Map<Long, float[]> expected = new java.util.HashMap<>();
      for (int t = 0; t < threads; t++) {
        for (int r = 0; r < runs; r++) {
          long seed = t * 1000L + r;
          expected.put(seed, s.run(Map.of(INPUT, randomImage(32, seed))).get(OUTPUT).toArray());
        }
      }
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<Integer> job = () -> {
          start.await();
          for (int r = 0; r < runs; r++) {
            long seed = thread * 1000L + r;
            float[] y = s.run(Map.of(INPUT, randomImage(32, seed))).get(OUTPUT).toArray();
            if (!Arrays.equals(expected.get(seed), y)) {
              throw new AssertionError("thread " + thread + " run " + r + " got another caller's result");
            }
          }
          return runs;
        };
        results.add(pool.submit(job));
      }
      start.countDown();
      int done = 0;
      for (Future<Integer> f : results) {
        try {
          done += f.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
          throw new AssertionError("a concurrent run failed", e);
        }
      }
      assertEquals(threads * runs, done);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void close_whileFourThreadsRun_finishesOrFailsEveryRunWithClosed() throws InterruptedException {
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    SessionSettings two = SessionSettings.builder().concurrency(2).build();
    ModelSession s = new DjlPyTorchBackend().open(ModelSource.of(testModel("identity-256.pt")), two);
    try {
      CountDownLatch running = new CountDownLatch(threads);
      List<Future<String>> endings = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        endings.add(pool.submit(() -> {
          for (int r = 0; ; r++) {
            Tensor x = randomImage(256, thread * 1000L + r);
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
  void open_gpuWithoutGpu_throwsBackendExceptionSayingCuda() {
    Assumptions.assumeFalse(gpuPresent(), "a GPU is present: the no-GPU contract does not apply");
    SessionSettings cuda = settings().toBuilder().device(Device.cuda(0)).build();
    BackendException e = assertThrows(BackendException.class,
        () -> new DjlPyTorchBackend().open(ModelSource.of(testModel("identity-256.pt")), cuda).close());
    assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("cuda"), e.getMessage());
  }

  @Test
  void open_fp16OnFloat32Module_throwsBackendExceptionSayingHalf() {
    SessionSettings fp16 = settings().toBuilder().precision(Precision.FP16).build();
    BackendException e = assertThrows(BackendException.class,
        () -> new DjlPyTorchBackend().open(ModelSource.of(testModel("conv-small.pt")), fp16).close());
    assertTrue(e.getMessage().contains("FP16"), e.getMessage());
    assertTrue(e.getMessage().contains("conv-small.pt"), e.getMessage());
  }

  @Test
  void run_halfModule_takesAndReturnsFloat32CloseToFloat32Module() {
    Tensor x = randomImage(32, 11);
    float[] full;
    try (ModelSession s = open("conv-small.pt")) {
      full = s.run(Map.of(INPUT, x)).get(OUTPUT).toArray();
    }
    SessionSettings fp16 = settings().toBuilder().precision(Precision.FP16).build();
    try (ModelSession s = new DjlPyTorchBackend().open(ModelSource.of(testModel("conv-small-fp16.pt")), fp16)) {
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
