package io.gpen4j.onnx;

import io.gpen4j.onnxformat.testing.ModelBuilder;
import io.gpen4j.onnxformat.rewrite.FloatTensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.platform.Fp16Conversions;
import io.gpen4j.BackendException;
import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.OnnxFields;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class OnnxBackendTest {
  private static final SessionSettings CPU = SessionSettings.builder().intraOpThreads(2).build();

  @TempDir
  Path tmp;

  private static Tensor image(int size, long seed) {
    Random r = new Random(seed);
    float[] v = new float[3 * size * size];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return Tensor.wrap(v, 1, 3, size, size);
  }

  @Test
  void open_randomGpen256_runsWithFiniteOutputOfInputShape() {
    try (ModelSession s = new OnnxBackend().open(ModelSource.of(SharedData.randomGpen256()), CPU)) {
      Tensor y = s.run(Map.of("input", image(256, 1))).get("output");
      assertArrayEquals(new long[] {1, 3, 256, 256}, y.shape());
      float[] v = y.toArray();
      double sumAbs = 0;
      for (float f : v) {
        assertTrue(Float.isFinite(f), "non-finite output " + f);
        sumAbs += Math.abs(f);
      }
      assertTrue(sumAbs > 0, "output is all zeros");
    }
  }

  @Test
  void open_realDetectors_describeTheirInputs() {
    try (ModelSession s = new OnnxBackend().open(ModelSource.of(SharedData.yunet()), CPU)) {
      assertArrayEquals(new long[] {1, 3, 640, 640}, s.inputs().get(0).shape());
      assertEquals(12, s.outputs().size());
    }
    try (ModelSession s = new OnnxBackend().open(ModelSource.of(SharedData.scrfd()), CPU)) {
      assertEquals("[1,3,?,?]", s.inputs().get(0).shapeText());
    }
  }

  @Test
  void open_randomBytes_saysNotAValidOnnxFile() throws IOException {
    Path junk = tmp.resolve("photo.onnx");
    Files.write(junk, "this is not a model".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ModelException e = assertThrows(ModelException.class, () -> new OnnxBackend().open(ModelSource.of(junk), CPU));
    assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
    assertTrue(e.getCause() instanceof ai.onnxruntime.OrtException, "cause kept: " + e.getCause());
  }

  @Test
  void open_directory_throwsModelException() {
    ModelException e = assertThrows(ModelException.class, () -> new OnnxBackend().open(ModelSource.of(tmp), CPU));
    assertTrue(e.getMessage().contains("directory"), e.getMessage());
  }

  @Test
  void open_fp16OnTruncatedModel_throwsModelExceptionNamingFile() throws IOException {
    byte[] whole = Files.readAllBytes(TestModels.path(TestModels.CONV_SMALL));
    Path cut = tmp.resolve("cut.onnx");
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
    SessionSettings fp16 = CPU.toBuilder().precision(Precision.FP16).build();
    ModelException e = assertThrows(ModelException.class, () -> new OnnxBackend().open(ModelSource.of(cut), fp16));
    assertTrue(e.getMessage().contains("cut.onnx") && e.getMessage().contains("FP16"), e.getMessage());
  }

  @Test
  void deviceKinds_matchTheProvidersOfTheRuntimeOnTheClassPath() {
    EnumSet<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
    assertEquals(providers.contains(OrtProvider.CUDA), new OnnxBackend().deviceKinds().contains(Device.Kind.CUDA));
    assertEquals(EnumSet.of(Precision.FP32, Precision.FP16), new OnnxBackend().precisions());
  }

  @Test
  void open_tensorRtWithCpuRuntime_namesTheMissingProviderAndTheGpuArtifact() {
    Assumptions.assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.TENSOR_RT),
        "this class path has the GPU runtime");
    SessionSettings trt = CPU.toBuilder().device(Device.tensorRt(0)).build();
    BackendException e = assertThrows(BackendException.class,
        () -> new OnnxBackend().open(ModelSource.of(TestModels.path(TestModels.IDENTITY_256)), trt));
    assertTrue(e.getMessage().contains("TensorrtExecutionProvider"), e.getMessage());
    assertTrue(e.getMessage().contains("onnxruntime_gpu"), e.getMessage());
    assertTrue(e.getMessage().contains("cuDNN 9"), e.getMessage());
  }

  @Test
  void run_identityInFp16_returnsInputRoundedToFloat16() {
    SessionSettings fp16 = CPU.toBuilder().precision(Precision.FP16).build();
    Tensor x = image(256, 3);
    try (ModelSession s = new OnnxBackend().open(ModelSource.of(TestModels.path(TestModels.IDENTITY_256)), fp16)) {
      assertEquals(ElementType.FLOAT32, s.inputs().get(0).elementType());
      float[] y = s.run(Map.of("input", x)).get("output").toArray();
      float[] in = x.toArray();
      for (int i = 0; i < in.length; i++) {
        assertEquals(Fp16Conversions.fp16ToFloat(Fp16Conversions.floatToFp16(in[i])), y[i], 0f, "value " + i);
      }
    }
  }

  @Test
  void run_dynamicModel_acceptsAnyHeightAndWidth() {
    try (ModelSession s = new OnnxBackend().open(ModelSource.of(TestModels.path(TestModels.IDENTITY_DYNAMIC)), CPU)) {
      assertEquals("[1,3,?,?]", s.inputs().get(0).shapeText());
      Tensor x = Tensor.wrap(new float[3 * 5 * 7], 1, 3, 5, 7);
      assertArrayEquals(new long[] {1, 3, 5, 7}, s.run(Map.of("input", x)).get("output").shape());
    }
  }

  @Test
  void run_float16Io_convertsAtTheBoundary() throws IOException {
    // A model saved in FP16 with FP16 inputs and outputs: callers still exchange float32.
    byte[] model = new ModelBuilder("half_io")
        .input("input", OnnxFields.DataType.FLOAT16, 1, 4)
        .output("output", OnnxFields.DataType.FLOAT16, 1, 4)
        .initializer(TensorData.toFloat16(FloatTensors.floatTensor("two", new long[0], new float[] {2f})))
        .node("Mul", java.util.List.of("input", "two"), java.util.List.of("output"))
        .toByteArray();
    Path file = tmp.resolve("half-io.onnx");
    Files.write(file, model);
    try (ModelSession s = new OnnxBackend().open(ModelSource.of(file), CPU)) {
      assertEquals(ElementType.FLOAT16, s.inputs().get(0).elementType());
      Tensor y = s.run(Map.of("input", Tensor.wrap(new float[] {0.5f, -1f, 3f, 1000f}, 1, 4))).get("output");
      assertArrayEquals(new float[] {1f, -2f, 6f, 2000f}, y.toArray());
    }
  }
}
