package io.gpen4j.onnx;

import io.gpen4j.onnxformat.testing.ModelBuilder;
import io.gpen4j.onnxformat.rewrite.FloatTensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ModelException;
import io.gpen4j.internal.image.ImageResize;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.image.TiledUpscale;
import io.gpen4j.internal.pipeline.BackgroundEnhancer;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.testing.Prerequisites;
import io.gpen4j.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background stage on ONNX Runtime: a nearest-neighbour upscaler gives exactly the nearest
 * resize, a random-weight SRVGGNetCompact from the converter shows no seam between tiles, and bad
 * models fail when opened or keep the original background.
 */
final class OnnxBackgroundEnhancerTest {
  @TempDir Path dir;

  /** Resize (nearest) by {@code scale} on [1,3,H,W], H and W free or fixed at {@code side}; then {@code op}. */
  private Path upscaler(String name, float scale, int side, String op, float operand) throws IOException {
    long out = side < 0 ? -1 : (long) (side * scale);
    ModelBuilder b = new ModelBuilder(name)
        .input("input", DataType.FLOAT, 1, 3, side, side)
        .output("output", DataType.FLOAT, 1, 3, out, out)
        .initializer(FloatTensors.floatTensor("scales", new long[] {4}, new float[] {1, 1, scale, scale}));
    if (op == null) {
      b.node("Resize", List.of("input", "", "scales"), List.of("output"), ModelBuilder.stringAttr("mode", "nearest"));
    } else {
      b.initializer(FloatTensors.floatTensor("operand", new long[0], new float[] {operand}))
          .node("Resize", List.of("input", "", "scales"), List.of("up"), ModelBuilder.stringAttr("mode", "nearest"))
          .node(op, op.equals("Log") ? List.of("up") : List.of("up", "operand"), List.of("output"));
    }
    Path file = dir.resolve(name + ".onnx");
    Files.write(file, b.toByteArray());
    return file;
  }

  private static ModelSession open(Path model) {
    return new OnnxBackend().open(ModelSource.of(model), SessionSettings.DEFAULTS);
  }

  private static RgbaImage nearest(RgbaImage src, int s) {
    int[] out = new int[src.width() * s * src.height() * s];
    for (int y = 0; y < src.height() * s; y++) {
      for (int x = 0; x < src.width() * s; x++) {
        out[y * src.width() * s + x] = src.argb(x / s, y / s);
      }
    }
    return RgbaImage.wrap(src.width() * s, src.height() * s, out, src.hasAlpha());
  }

  @Test
  void nearestUpscaler_dynamicOrFixed_givesExactlyTheNearestResize() throws IOException {
    RgbaImage photo = TestImages.noise(301, 203, new Random(1));
    try (ModelSession dynamic = open(upscaler("nearest-x2", 2, -1, null, 0));
        ModelSession fixed = open(upscaler("nearest-x4-fixed", 4, 128, null, 0))) {
      BackgroundEnhancer x2 = new BackgroundEnhancer(dynamic, "nearest-x2", 128);
      assertEquals(2, x2.scale());
      assertArrayEquals(nearest(photo, 2).pixels(), x2.enhance(photo, 2).pixels());
      // Asked for 4x of a 2x model: its output resized, as Real-ESRGAN's outscale does.
      assertArrayEquals(ImageResize.resize(nearest(photo, 2), 1204, 812).pixels(), x2.enhance(photo, 4).pixels());

      BackgroundEnhancer x4 = new BackgroundEnhancer(fixed, "nearest-x4-fixed", 512);
      assertEquals(4, x4.scale());
      assertEquals(128, x4.tileSize());
      assertArrayEquals(nearest(photo, 4).pixels(), x4.enhance(photo, 4).pixels());
    }
  }

  @Test
  void badModels_failWhenOpenedNamingTheProblem() throws IOException {
    try (ModelSession rank = open(TestModels.path(TestModels.WRONG_RANK));
        ModelSession fraction = open(upscaler("x1.5", 1.5f, -1, null, 0));
        ModelSession nan = open(upscaler("nan", 2, -1, "Mul", Float.NaN))) {
      ModelException e1 = assertThrows(ModelException.class, () -> new BackgroundEnhancer(rank, "wrong-rank", 256));
      assertTrue(e1.getMessage().contains("expected a super-resolution model"), e1.getMessage());
      ModelException e2 = assertThrows(ModelException.class, () -> new BackgroundEnhancer(fraction, "x1.5", 256));
      assertTrue(e2.getMessage().contains("not a whole scale"), e2.getMessage());
      ModelException e3 = assertThrows(ModelException.class, () -> new BackgroundEnhancer(nan, "nan", 256));
      assertTrue(e3.getMessage().contains("NaN or infinite"), e3.getMessage());
    }
  }

  @Test
  void nonFiniteOutputAtRunTime_keepsTheResizedOriginalBackground() throws IOException {
    // log(0) = -infinity: fine on the probe's mid-grey, broken on a black pixel.
    try (ModelSession log = open(upscaler("log", 2, -1, "Log", 0))) {
      BackgroundEnhancer enhancer = new BackgroundEnhancer(log, "log", 128);
      RgbaImage photo = TestImages.noise(150, 100, new Random(2));
      photo.pixels()[777] = 0xFF000000;
      assertArrayEquals(ImageResize.resize(photo, 300, 200).pixels(), enhancer.enhance(photo, 2).pixels());
    }
  }

  @Test
  void convertedSrvgg_matchesPyTorch_andTilesShowNoSeam() {
    Optional<String> python = ConverterScript.findPython(dir);
    Prerequisites.require(python.isPresent(), "no python with torch and onnx");
    Path onnx = dir.resolve("srvgg.onnx");
    ConverterScript.Result result = ConverterScript.convert(python.get(), List.of("--arch", "realesr-general-x4v3",
        "--random-weights", "--num-block", "4", "--onnx", onnx.toString(), "--check"), dir);
    assertEquals(0, result.exitCode(), result.output());

    try (ModelSession session = open(onnx)) {
      float[] input = ConverterScript.readFloats(Path.of(onnx + ".check-input.bin"));
      float[] expected = ConverterScript.readFloats(Path.of(onnx + ".check-output.bin"));
      float[] actual = session.run(Map.of("input", Tensor.wrap(input, 1, 3, 40, 56))).get("output").toArray();
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], actual[i], 1e-3f, "value " + i);
      }

      RgbaImage photo = TestImages.smooth(230, 170, new Random(3));
      BackgroundEnhancer whole = new BackgroundEnhancer(session, "srvgg", 512);
      BackgroundEnhancer tiled = new BackgroundEnhancer(session, "srvgg", 96);
      RgbaImage reference = whole.enhance(photo, 4);
      // Away from the photo's border, where the one piece is padded to a multiple of 4 and the tiles are not.
      int blended = maxDifference(reference, tiled.enhance(photo, 4), 32);
      // The same tiles without overlap: the convolutions' zero padding shows along every cut.
      RgbaImage cut = TiledUpscale.upscale(photo, 4, new TiledUpscale.Layout(96, 0, 0, false, 4), tiled.tileModel());
      int hardCuts = maxDifference(reference, cut, 32);
      assertTrue(blended <= 1, "blended tiles differ from one piece by " + blended);
      assertTrue(hardCuts >= 4, "tiles without overlap differ by only " + hardCuts + ": the test cannot see seams");
    }
  }

  /** The largest channel difference, ignoring {@code margin} pixels along the border. */
  static int maxDifference(RgbaImage a, RgbaImage b, int margin) {
    assertEquals(a.width(), b.width());
    assertEquals(a.height(), b.height());
    int max = 0;
    for (int y = margin; y < a.height() - margin; y++) {
      for (int x = margin; x < a.width() - margin; x++) {
        for (int shift = 0; shift < 24; shift += 8) {
          max = Math.max(max, Math.abs((a.argb(x, y) >> shift & 0xFF) - (b.argb(x, y) >> shift & 0xFF)));
        }
      }
    }
    return max;
  }
}
