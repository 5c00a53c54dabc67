package io.gpen4j.onnx;

import io.gpen4j.onnxformat.testing.ModelBuilder;
import io.gpen4j.onnxformat.rewrite.FloatTensors;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates the tiny ONNX models checked in under {@code models/test/} (see the README there) and
 * finds them for tests. Regenerate with:
 *
 * <pre>
 * mvn -q -B -o -pl gpen-onnx -am test-compile
 * java -cp gpen-core/target/classes:gpen-onnx/target/classes:gpen-onnx/target/test-classes \
 *     io.gpen4j.onnx.TestModels models/test
 * </pre>
 *
 * <p>{@code TestModelsTest} fails when a checked-in file differs from what this class writes.
 */
final class TestModels {
  static final String IDENTITY_256 = "identity-256.onnx";
  static final String IDENTITY_512 = "identity-512.onnx";
  static final String IDENTITY_DYNAMIC = "identity-dynamic.onnx";
  static final String WRONG_RANK = "wrong-rank.onnx";
  static final String NAN_256 = "nan-256.onnx";
  static final String CONV_SMALL = "conv-small.onnx";
  static final String RESIZE_CONV = "resize-conv.onnx";
  static final String CONV_256 = "conv-256.onnx";
  static final String CONV_256_BATCH = "conv-256-batch.onnx";
  static final String CODEFORMER_ECHO_512 = "codeformer-echo-512.onnx";
  static final String PARSER_BLOCKS_512 = "parser-blocks-512.onnx";
  static final String PARSER_NAN_512 = "parser-nan-512.onnx";
  static final String PARSER_18_CLASSES = "parser-18-classes.onnx";
  static final String CHROMA_KEY_MATTE = "chroma-key-matte.onnx";
  static final String CHROMA_KEY_MATTE_256 = "chroma-key-matte-256.onnx";
  /** The side of a {@link #parserBlocks} cell at 512: the parse map is 8x8 cells. */
  static final int PARSER_CELL = 64;

  private TestModels() {}

  /** Every model by file name, in a stable order. */
  static Map<String, byte[]> all() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(IDENTITY_256, scaled(256, 1f));
    m.put(IDENTITY_512, scaled(512, 1f));
    m.put(IDENTITY_DYNAMIC, identityDynamic());
    m.put(WRONG_RANK, wrongRank());
    m.put(NAN_256, scaled(256, Float.NaN));
    m.put(CONV_SMALL, smallConv());
    m.put(RESIZE_CONV, resizeConv());
    m.put(CONV_256, conv256(1));
    m.put(CONV_256_BATCH, conv256(-1));
    m.put(CODEFORMER_ECHO_512, codeFormerEcho());
    m.put(PARSER_BLOCKS_512, parserBlocks(19, false));
    m.put(PARSER_NAN_512, parserBlocks(19, true));
    m.put(PARSER_18_CLASSES, parserBlocks(18, false));
    m.put(CHROMA_KEY_MATTE, chromaKeyMatte(-1));
    m.put(CHROMA_KEY_MATTE_256, chromaKeyMatte(256));
    return m;
  }

  /** Returns a checked-in model's path under {@code ${gpen4j.repo}/models/test}. */
  static Path path(String file) {
    return Paths.get(System.getProperty("gpen4j.repo", ".."), "models", "test", file)
        .toAbsolutePath().normalize();
  }

  /** {@code output = input * factor} for [1,3,S,S]: the identity for 1, all NaN for NaN. */
  static byte[] scaled(int size, float factor) {
    return new ModelBuilder(factor == 1f ? "identity" : "scaled")
        .input("input", DataType.FLOAT, 1, 3, size, size)
        .output("output", DataType.FLOAT, 1, 3, size, size)
        .initializer(FloatTensors.floatTensor("factor", new long[0], new float[] {factor}))
        .node("Mul", List.of("input", "factor"), List.of("output"))
        .toByteArray();
  }

  /**
   * CodeFormer's signature (facefusion's names): {@code input} float [1,3,512,512] and
   * {@code weight} double [1], {@code output = input * weight}; the identity at w = 1, all zeros
   * (mid-grey) at w = 0, so a test sees the value the weight input received.
   */
  static byte[] codeFormerEcho() {
    return new ModelBuilder("codeformer_echo")
        .input("input", DataType.FLOAT, 1, 3, 512, 512)
        .input("weight", DataType.DOUBLE, 1)
        .output("output", DataType.FLOAT, 1, 3, 512, 512)
        .node("Cast", List.of("weight"), List.of("weight_f"), ModelBuilder.intAttr("to", DataType.FLOAT))
        .node("Mul", List.of("input", "weight_f"), List.of("output"))
        .toByteArray();
  }

  /** The identity on [1,3,H,W] with free height and width. */
  static byte[] identityDynamic() {
    return new ModelBuilder("identity_dynamic")
        .input("input", DataType.FLOAT, 1, 3, -1, -1)
        .output("output", DataType.FLOAT, 1, 3, -1, -1)
        .initializer(FloatTensors.floatTensor("one", new long[0], new float[] {1f}))
        .node("Mul", List.of("input", "one"), List.of("output"))
        .toByteArray();
  }

  /** A model whose input has rank 2, [1,256], which no image model accepts. */
  static byte[] wrongRank() {
    return new ModelBuilder("wrong_rank")
        .input("input", DataType.FLOAT, 1, 256)
        .output("output", DataType.FLOAT, 1, 256)
        .initializer(FloatTensors.floatTensor("one", new long[0], new float[] {1f}))
        .node("Mul", List.of("input", "one"), List.of("output"))
        .toByteArray();
  }

  /**
   * Conv 3x3 (3->8) + bias, LeakyReLU, Conv 1x1 (8->3) + bias on [1,3,32,32], seeded random
   * weights: a real float workload for FP16 conversion tests.
   */
  static byte[] smallConv() {
    Random r = new Random(42);
    return new ModelBuilder("conv_small")
        .input("input", DataType.FLOAT, 1, 3, 32, 32)
        .output("output", DataType.FLOAT, 1, 3, 32, 32)
        .valueInfo("hidden", DataType.FLOAT, 1, 8, 32, 32)
        .initializer(FloatTensors.floatTensor("w1", new long[] {8, 3, 3, 3}, gaussian(r, 8 * 3 * 3 * 3, 0.3f)))
        .initializer(FloatTensors.floatTensor("b1", new long[] {8}, gaussian(r, 8, 0.1f)))
        .initializer(FloatTensors.floatTensor("w2", new long[] {3, 8, 1, 1}, gaussian(r, 3 * 8, 0.3f)))
        .initializer(FloatTensors.floatTensor("b2", new long[] {3}, gaussian(r, 3, 0.1f)))
        .node("Conv", List.of("input", "w1", "b1"), List.of("conv1"),
            ModelBuilder.intsAttr("kernel_shape", 3, 3), ModelBuilder.intsAttr("pads", 1, 1, 1, 1))
        .node("LeakyRelu", List.of("conv1"), List.of("hidden"), ModelBuilder.floatAttr("alpha", 0.2f))
        .node("Conv", List.of("hidden", "w2", "b2"), List.of("output"),
            ModelBuilder.intsAttr("kernel_shape", 1, 1))
        .toByteArray();
  }

  /**
   * A GPEN-shaped generator that computes something: {@code output = input + 0.25 * conv(input)}
   * with a seeded random 3x3 conv (3->8), LeakyReLU and a 1x1 conv (8->3) on [1,3,256,256]. The
   * reliability tests use it where an identity would hide a mix-up of intermediate buffers.
   *
   * @param batch the batch dimension: 1, or -1 for a free one (the same weights: batched restores
   *     are compared with one call per face)
   */
  static byte[] conv256(long batch) {
    Random r = new Random(256);
    return new ModelBuilder(batch == 1 ? "conv_256" : "conv_256_batch")
        .input("input", DataType.FLOAT, batch, 3, 256, 256)
        .output("output", DataType.FLOAT, batch, 3, 256, 256)
        .initializer(FloatTensors.floatTensor("w1", new long[] {8, 3, 3, 3}, gaussian(r, 8 * 3 * 3 * 3, 0.3f)))
        .initializer(FloatTensors.floatTensor("b1", new long[] {8}, gaussian(r, 8, 0.1f)))
        .initializer(FloatTensors.floatTensor("w2", new long[] {3, 8, 1, 1}, gaussian(r, 3 * 8, 0.3f)))
        .initializer(FloatTensors.floatTensor("quarter", new long[0], new float[] {0.25f}))
        .node("Conv", List.of("input", "w1", "b1"), List.of("conv1"),
            ModelBuilder.intsAttr("kernel_shape", 3, 3), ModelBuilder.intsAttr("pads", 1, 1, 1, 1))
        .node("LeakyRelu", List.of("conv1"), List.of("hidden"), ModelBuilder.floatAttr("alpha", 0.2f))
        .node("Conv", List.of("hidden", "w2"), List.of("conv2"), ModelBuilder.intsAttr("kernel_shape", 1, 1))
        .node("Mul", List.of("conv2", "quarter"), List.of("residual"))
        .node("Add", List.of("input", "residual"), List.of("output"))
        .toByteArray();
  }

  /**
   * Resize x2 (nearest; its scales input must stay float32 under FP16 conversion) then a 1x1
   * Conv, [1,3,16,16] -> [1,3,32,32].
   */
  static byte[] resizeConv() {
    Random r = new Random(7);
    return new ModelBuilder("resize_conv")
        .input("input", DataType.FLOAT, 1, 3, 16, 16)
        .output("output", DataType.FLOAT, 1, 3, 32, 32)
        .initializer(FloatTensors.floatTensor("scales", new long[] {4}, new float[] {1, 1, 2, 2}))
        .initializer(FloatTensors.floatTensor("w", new long[] {3, 3, 1, 1}, gaussian(r, 9, 0.5f)))
        .node("Resize", List.of("input", "", "scales"), List.of("up"), ModelBuilder.stringAttr("mode", "nearest"))
        .node("Conv", List.of("up", "w"), List.of("output"), ModelBuilder.intsAttr("kernel_shape", 1, 1))
        .toByteArray();
  }

  /**
   * A face parser with a known answer, in BiSeNet's class order: whatever the crop, cells (2-5, 2-5)
   * of an 8x8 grid over the 512x512 map are skin (class 1), cells (2-5, 0-1) above them hair (17),
   * the rest background (0). Constant low-resolution logits, plus {@code 0 * max(input)} so the
   * input is used, resized up by 64 (nearest). {@code nan} puts NaN in one background cell;
   * {@code classes} other than 19 makes a file with the wrong class count.
   */
  static byte[] parserBlocks(int classes, boolean nan) {
    int cells = 512 / PARSER_CELL;
    float[] logits = new float[classes * cells * cells];
    for (int y = 0; y < cells; y++) {
      for (int x = 0; x < cells; x++) {
        boolean column = x >= 2 && x <= 5;
        int c = column && y >= 2 && y <= 5 ? 1 : column && y < 2 ? 17 % classes : 0;
        logits[(c * cells + y) * cells + x] = 5f;
      }
    }
    if (nan) {
      logits[0] = Float.NaN;
    }
    return new ModelBuilder(nan ? "parser_nan" : "parser_blocks")
        .input("input", DataType.FLOAT, 1, 3, 512, 512)
        .output("output", DataType.FLOAT, 1, classes, 512, 512)
        .initializer(FloatTensors.floatTensor("logits", new long[] {1, classes, cells, cells}, logits))
        .initializer(FloatTensors.floatTensor("zero", new long[0], new float[] {0f}))
        .initializer(FloatTensors.floatTensor("scales", new long[] {4}, new float[] {1, 1, PARSER_CELL, PARSER_CELL}))
        .node("ReduceMax", List.of("input"), List.of("peak"), ModelBuilder.intAttr("keepdims", 1))
        .node("Mul", List.of("peak", "zero"), List.of("nothing"))
        .node("Add", List.of("logits", "nothing"), List.of("scores"))
        .node("Resize", List.of("scores", "", "scales"), List.of("output"), ModelBuilder.stringAttr("mode", "nearest"))
        .toByteArray();
  }

  /**
   * A stand-in portrait-matting model with a known answer, in MODNet's contract (RGB in [-1, 1],
   * {@code [1,3,H,W] -> [1,1,H,W]} with free H and W): a chroma key on pure green. With {@code d}
   * the distance of a pixel from green (-1, 1, -1) in the normalised units (1 = 127.5 levels),
   * alpha is 0 for {@code d <= 0.25}, 1 for {@code d >= 0.5} and linear in {@code d^2} between
   * (a soft edge where a resize blends the person and the screen). The squared distance is a 1x1
   * Conv of the squared difference with ones, summing the channels.
   *
   * @param side -1 for a free height and width, else a fixed square input
   */
  static byte[] chromaKeyMatte(long side) {
    float lo = 0.25f * 0.25f;
    float hi = 0.5f * 0.5f;
    return new ModelBuilder(side < 0 ? "chroma_key_matte" : "chroma_key_matte_" + side)
        .input("input", DataType.FLOAT, 1, 3, side, side)
        .output("output", DataType.FLOAT, 1, 1, side, side)
        .initializer(FloatTensors.floatTensor("key", new long[] {1, 3, 1, 1}, new float[] {-1f, 1f, -1f}))
        .initializer(FloatTensors.floatTensor("ones", new long[] {1, 3, 1, 1}, new float[] {1f, 1f, 1f}))
        .initializer(FloatTensors.floatTensor("lo", new long[0], new float[] {lo}))
        .initializer(FloatTensors.floatTensor("gain", new long[0], new float[] {1f / (hi - lo)}))
        .initializer(FloatTensors.floatTensor("zero", new long[0], new float[] {0f}))
        .initializer(FloatTensors.floatTensor("one", new long[0], new float[] {1f}))
        .node("Sub", List.of("input", "key"), List.of("diff"))
        .node("Mul", List.of("diff", "diff"), List.of("squared"))
        .node("Conv", List.of("squared", "ones"), List.of("distance2"), ModelBuilder.intsAttr("kernel_shape", 1, 1))
        .node("Sub", List.of("distance2", "lo"), List.of("above"))
        .node("Mul", List.of("above", "gain"), List.of("ramp"))
        .node("Clip", List.of("ramp", "zero", "one"), List.of("output"))
        .toByteArray();
  }

  private static float[] gaussian(Random r, int n, float std) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian() * std;
    }
    return v;
  }

  /**
   * Writes every model into a folder.
   *
   * @param args the folder, {@code models/test} by default
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : "models/test");
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> e : all().entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
  }
}
