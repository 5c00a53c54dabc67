package io.gpen4j.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BackendException;
import io.gpen4j.ModelException;
import io.gpen4j.RestorationException;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link InferenceBackend} must show, run against the tiny models checked in
 * under {@code models/test/} ({@link CheckedInModels}). A backend
 * module extends this class and returns its backend from {@link #backend()}; the tests come with
 * it.
 */
public abstract class BackendContractTest {
  private static final String INPUT = "input";
  private static final String OUTPUT = "output";

  @TempDir
  Path tmp;

  /**
   * Returns the backend under test; may be a new instance per call.
   *
   * @return the backend
   */
  protected abstract InferenceBackend backend();

  /**
   * Returns the settings the tests open models with; override to pin threads or options.
   *
   * @return CPU settings
   */
  protected SessionSettings settings() {
    return SessionSettings.builder().intraOpThreads(1).build();
  }
  /**
   * Returns the test model file for a stem such as {@code identity-256}: {@code .onnx} by default;
   * a backend that loads another format (TorchScript) returns its own file.
   *
   * @param stem the model's name without extension
   * @return the file name in {@code models/test}
   */
  protected String modelFile(String stem) {
    return stem + ".onnx";
  }


  private ModelSession openIdentity() {
    return backend().open(ModelSource.of(CheckedInModels.path(modelFile("identity-256"))), settings());
  }

  private static boolean gpuPresent() {
    return Files.exists(Paths.get("/dev/nvidia0")) || Files.exists(Paths.get("/proc/driver/nvidia/version"));
  }

  @Test
  void name_isNonEmptyLowerCase() {
    String name = backend().name();
    assertFalse(name.isEmpty(), "name must not be empty");
    assertEquals(name.toLowerCase(Locale.ROOT), name, "name must be lower case");
  }

  @Test
  void deviceKinds_includeCpu() {
    assertTrue(backend().deviceKinds().contains(Device.Kind.CPU), backend().deviceKinds().toString());
    assertTrue(backend().isAvailable());
  }

  @Test
  void open_identity256_describesInputAndOutput() {
    try (ModelSession s = openIdentity()) {
      assertEquals(1, s.inputs().size(), s.inputs().toString());
      TensorInfo in = s.inputs().get(0);
      assertEquals(INPUT, in.name());
      assertArrayEquals(new long[] {1, 3, 256, 256}, in.shape());
      assertEquals(ElementType.FLOAT32, in.elementType());
      assertEquals(1, s.outputs().size(), s.outputs().toString());
      assertEquals(OUTPUT, s.outputs().get(0).name());
      assertArrayEquals(new long[] {1, 3, 256, 256}, s.outputs().get(0).shape());
    }
  }

  @Test
  void run_identity_returnsInput() {
    Tensor x = TestTensors.randomImage(256, 1);
    try (ModelSession s = openIdentity()) {
      Tensor y = s.run(Map.of(INPUT, x)).get(OUTPUT);
      assertNotNull(y, "no output named " + OUTPUT);
      assertArrayEquals(x.shape(), y.shape());
      assertArrayEquals(x.toArray(), y.toArray());
    }
  }

  @Test
  void run_nanModel_returnsNaN() {
    try (ModelSession s = backend().open(ModelSource.of(CheckedInModels.path(modelFile("nan-256"))), settings())) {
      float[] y = s.run(Map.of(INPUT, TestTensors.randomImage(256, 2))).get(OUTPUT).toArray();
      for (float v : y) {
        assertTrue(Float.isNaN(v), "expected NaN everywhere, got " + v);
      }
    }
  }

  @Test
  void run_wrongInputShape_throwsNamingExpectedAndActual() {
    try (ModelSession s = openIdentity()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> s.run(Map.of(INPUT, TestTensors.randomImage(128, 3))));
      assertTrue(e.getMessage().contains("[1,3,256,256]"), e.getMessage());
      assertTrue(e.getMessage().replace(" ", "").contains("[1,3,128,128]"), e.getMessage());
    }
  }

  @Test
  void run_missingInput_throwsNamingInput() {
    try (ModelSession s = openIdentity()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.run(Map.of()));
      assertTrue(e.getMessage().contains(INPUT), e.getMessage());
    }
  }

  @Test
  void open_missingFile_throwsModelExceptionNamingPath() {
    Path missing = tmp.resolve("no-such-model.onnx");
    ModelException e = assertThrows(ModelException.class,
        () -> backend().open(ModelSource.of(missing), settings()));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void open_randomBytes_throwsModelExceptionNamingFile() throws IOException {
    Path junk = tmp.resolve("junk.onnx");
    byte[] bytes = new byte[4096];
    new Random(4).nextBytes(bytes);
    Files.write(junk, bytes);
    ModelException e = assertThrows(ModelException.class,
        () -> backend().open(ModelSource.of(junk), settings()));
    assertTrue(e.getMessage().contains("junk.onnx"), e.getMessage());
  }

  @Test
  void open_truncatedModel_throwsModelExceptionNamingFile() throws IOException {
    byte[] whole = Files.readAllBytes(CheckedInModels.path(modelFile("identity-256")));
    Path cut = tmp.resolve("truncated.onnx");
    Files.write(cut, Arrays.copyOf(whole, whole.length * 2 / 3));
    ModelException e = assertThrows(ModelException.class,
        () -> backend().open(ModelSource.of(cut), settings()));
    assertTrue(e.getMessage().contains("truncated.onnx"), e.getMessage());
  }

  @Test
  void open_wrongRankModel_describesRank2() {
    try (ModelSession s = backend().open(ModelSource.of(CheckedInModels.path(modelFile("wrong-rank"))), settings())) {
      assertEquals(2, s.inputs().get(0).shape().length, s.inputs().toString());
    }
  }

  @Test
  void run_eightThreadsConcurrently_eachGetsItsOwnResult() throws InterruptedException {
    try (ModelSession s = openIdentity()) {
      ConcurrentRuns.runTogether(8, 20, (thread, run) -> {
        Tensor x = TestTensors.randomImage(256, ConcurrentRuns.seed(thread, run));
        Tensor y = s.run(Map.of(INPUT, x)).get(OUTPUT);
        if (!Arrays.equals(x.toArray(), y.toArray())) {
          throw new AssertionError("thread " + thread + " run " + run + " got another caller's result");
        }
      });
    }
  }

  @Test
  void close_calledTwice_isIdempotent() {
    ModelSession s = openIdentity();
    s.close();
    s.close();
    assertThrows(RestorationException.class, () -> s.run(Map.of(INPUT, TestTensors.randomImage(256, 5))));
  }

  @Test
  void run_afterClose_throwsRestorationExceptionSayingClosed() {
    ModelSession s = openIdentity();
    s.close();
    RestorationException e = assertThrows(RestorationException.class,
        () -> s.run(Map.of(INPUT, TestTensors.randomImage(256, 6))));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  @Test
  void open_gpuWithoutGpu_throwsBackendException() {
    Assumptions.assumeFalse(gpuPresent(), "a GPU is present: the no-GPU contract does not apply");
    SessionSettings cuda = settings().toBuilder().device(Device.cuda(0)).build();
    BackendException e = assertThrows(BackendException.class,
        () -> backend().open(ModelSource.of(CheckedInModels.path(modelFile("identity-256"))), cuda).close());
    assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("cuda"), e.getMessage());
  }

  @Test
  void open_gpuWithoutGpuButCpuFallback_runsOnCpu() {
    Assumptions.assumeFalse(gpuPresent(), "a GPU is present: the no-GPU contract does not apply");
    SessionSettings fallback = settings().toBuilder().device(Device.cuda(0)).allowCpuFallback(true).build();
    Tensor x = TestTensors.randomImage(256, 7);
    try (ModelSession s = backend().open(ModelSource.of(CheckedInModels.path(modelFile("identity-256"))), fallback)) {
      assertArrayEquals(x.toArray(), s.run(Map.of(INPUT, x)).get(OUTPUT).toArray());
    }
  }
}
