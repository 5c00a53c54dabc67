package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BackgroundStage;
import io.gpen4j.DetectorStage;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.ModelException;
import io.gpen4j.RestoreOptions;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.pipeline.BackgroundEnhancer;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.onnxformat.rewrite.FloatTensors;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.testing.Prerequisites;
import io.gpen4j.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * realesr-general-x4v3's denoise strength by network interpolation: two random-weight
 * SRVGGNetCompact exports of one graph (seeds 1 and 2, standing in for the general and wdn
 * models) blended at 0 and 1 give each model's weights exactly, and at 0.5 the weights of a graph
 * whose initializers were averaged in Python with numpy; the restorer's background model then runs
 * the blended weights.
 */
final class NetworkInterpolationTest {
  @TempDir static Path dir;
  private static Path general;
  private static Path wdn;
  private static Path averaged;

  @BeforeAll
  static void models() {
    Optional<String> python = ConverterScript.findPython(dir);
    Prerequisites.require(python.isPresent(), "no python with torch and onnx");
    general = convert(python.get(), "general.onnx", 1);
    wdn = convert(python.get(), "wdn.onnx", 2);
    averaged = dir.resolve("averaged.onnx");
    String script = String.join("\n",
        "import sys, onnx, numpy as np",
        "from onnx import numpy_helper",
        "a, b = onnx.load(sys.argv[1]), onnx.load(sys.argv[2])",
        "wb = {t.name: numpy_helper.to_array(t) for t in b.graph.initializer}",
        "for t in a.graph.initializer:",
        "    x = numpy_helper.to_array(t)",
        "    if x.dtype == np.float32:",
        "        y = (np.float32(0.5) * x + np.float32(0.5) * wb[t.name]).astype(np.float32)",
        "        t.CopyFrom(numpy_helper.from_array(y, t.name))",
        "onnx.save(a, sys.argv[3])");
    ConverterScript.Result r = ConverterScript.run(List.of(python.get(), "-c", script, general.toString(),
        wdn.toString(), averaged.toString()), dir, 300);
    assertEquals(0, r.exitCode(), r.output());
  }

  private static Path convert(String python, String name, int seed) {
    Path onnx = dir.resolve(name);
    ConverterScript.Result result = ConverterScript.convert(python, List.of("--arch", "realesr-general-x4v3",
        "--random-weights", "--seed", Integer.toString(seed), "--num-block", "4", "--onnx", onnx.toString()), dir);
    assertEquals(0, result.exitCode(), result.output());
    return onnx;
  }

  /** Every float32 initializer's values by name. */
  private static Map<String, float[]> weights(byte[] model) {
    ProtoMessage graph = ProtoMessage.parse(model).message(Model.GRAPH).orElseThrow();
    Map<String, float[]> out = new LinkedHashMap<>();
    for (ProtoMessage t : graph.messages(Graph.INITIALIZER)) {
      if (t.varint(Tensor.DATA_TYPE, 0) == 1) {
        out.put(t.string(Tensor.NAME), FloatTensors.floats(t));
      }
    }
    return out;
  }

  private static void assertSameWeights(Map<String, float[]> expected, Map<String, float[]> actual, String what) {
    assertEquals(expected.keySet(), actual.keySet(), what);
    assertTrue(expected.size() > 4, "the models have weights: " + expected.keySet());
    for (Map.Entry<String, float[]> e : expected.entrySet()) {
      assertArrayEquals(e.getValue(), actual.get(e.getKey()), what + ": " + e.getKey());
    }
  }

  @Test
  void interpolate_atOneAndZeroGivesEachModel_atHalfThePythonAverage() throws IOException {
    assertSameWeights(weights(Files.readAllBytes(general)),
        weights(NetworkInterpolation.interpolate(general, wdn, 1)), "strength 1 = general");
    assertSameWeights(weights(Files.readAllBytes(wdn)),
        weights(NetworkInterpolation.interpolate(general, wdn, 0)), "strength 0 = wdn");
    assertSameWeights(weights(Files.readAllBytes(averaged)),
        weights(NetworkInterpolation.interpolate(general, wdn, 0.5)), "strength 0.5 = numpy average");
  }

  @Test
  void openInterpolated_runsTheBlendedWeights_andTheRestorerUsesThem() throws IOException {
    RgbaImage photo = TestImages.smooth(72, 56, new Random(9));
    OnnxBackend backend = new OnnxBackend();
    RgbaImage expected;
    try (ModelSession python = backend.open(ModelSource.of(averaged), SessionSettings.DEFAULTS);
        ModelSession blended = backend.openInterpolated(ModelSource.of(general), ModelSource.of(wdn), 0.5,
            SessionSettings.DEFAULTS)) {
      expected = new BackgroundEnhancer(python, "averaged", 256).enhance(photo, 4);
      assertArrayEquals(expected.pixels(), new BackgroundEnhancer(blended, "blended", 256).enhance(photo, 4).pixels());
    }
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend(backend)
        .generator(GeneratorStage.of(TestModels.path(TestModels.IDENTITY_256)))
        .detector(DetectorStage.of(img -> List.of()))
        .background(BackgroundStage.of(general).withDenoise(wdn, 0.5))
        .build()) {
      RgbaImage out = RgbaImage.fromBufferedImage(
          restorer.restore(photo.toBufferedImage(), RestoreOptions.builder().upscale(4).build()).image());
      assertArrayEquals(expected.pixels(), out.pixels());
    }
  }

  @Test
  void interpolate_differentGraphs_failsNamingBoth() {
    ModelException e = assertThrows(ModelException.class,
        () -> NetworkInterpolation.interpolate(general, TestModels.path(TestModels.CONV_SMALL), 0.5));
    assertTrue(e.getMessage().contains("general.onnx and conv-small.onnx"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NetworkInterpolation.interpolate(general, wdn, 1.5));
  }
}
