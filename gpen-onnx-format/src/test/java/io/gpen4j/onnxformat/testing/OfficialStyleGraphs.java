package io.gpen4j.onnxformat.testing;

import io.gpen4j.onnxformat.rewrite.FloatTensors;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.ProtoMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

/**
 * Small graphs in the form the official GPEN code exports (StyleGAN2's run-time kernel
 * modulation, {@code upfirdn2d_native} blur), written with the project's codec, for the
 * constant-kernel rewrite's tests. Random weights from a seed.
 */
public final class OfficialStyleGraphs {
  private OfficialStyleGraphs() {}

  public static ProtoMessage longs(String name, long... values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(values);
    return ProtoMessage.builder().addVarint(Tensor.DIMS, values.length).addVarint(Tensor.DATA_TYPE, DataType.INT64)
        .addString(Tensor.NAME, name).addBytes(Tensor.RAW_DATA, raw.array()).build();
  }

  /** A 0-d int64 tensor (a Gather index that drops the axis). */
  public static ProtoMessage scalar(String name, long value) {
    ByteBuffer raw = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
    return ProtoMessage.builder().addVarint(Tensor.DATA_TYPE, DataType.INT64)
        .addString(Tensor.NAME, name).addBytes(Tensor.RAW_DATA, raw.array()).build();
  }

  /** Uniform values in [-1, 1) from a seed, for graph inputs. */
  public static float[] randomInput(long seed, int n) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return v;
  }

  public static float[] gaussian(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  /**
   * {@code output = modulated_conv(input, style)} with inputs {@code input [1, in, size, size]}
   * and {@code style [1, in]}: the kernel scaled by the style, demodulated when asked
   * ({@code sumAxes} are the ReduceSum axes; [2, 3, 4] is the real one), a Conv with padding
   * k/2, or a ConvTranspose with stride 2.
   */
  public static byte[] modulatedConv(long seed, boolean demodulate, boolean transposed, int in, int out, int k, int size,
      long... sumAxes) {
    Random r = new Random(seed);
    int outSize = transposed ? (size - 1) * 2 + k : size;
    ModelBuilder b = new ModelBuilder("modulated_conv")
        .input("input", DataType.FLOAT, 1, in, size, size)
        .input("style", DataType.FLOAT, 1, in)
        .output("output", DataType.FLOAT, 1, out, outSize, outSize)
        .initializer(FloatTensors.floatTensor("kernel", new long[] {1, out, in, k, k}, gaussian(r, out * in * k * k)))
        .initializer(longs("style_shape", 1, 1, in, 1, 1))
        .initializer(longs("demod_shape", 1, out, 1, 1, 1))
        .initializer(longs("axes", sumAxes))
        .initializer(longs("weight_shape", out, in, k, k))
        .initializer(longs("weight5_shape", 1, out, in, k, k))
        .initializer(longs("transposed_shape", in, out, k, k))
        .initializer(longs("input_shape", 1, in, size, size))
        .initializer(longs("output_shape", 1, out, outSize, outSize))
        .initializer(FloatTensors.floatTensor("two", new long[0], new float[] {2}))
        .initializer(FloatTensors.floatTensor("one", new long[0], new float[] {1}))
        .initializer(FloatTensors.floatTensor("eps", new long[0], new float[] {1e-8f}))
        .node("Reshape", List.of("style", "style_shape"), List.of("style5"))
        .node("Mul", List.of("kernel", "style5"), List.of("modulated"));
    String weight = "modulated";
    if (demodulate) {
      b.node("Pow", List.of("modulated", "two"), List.of("squared"))
          .node("ReduceSum", List.of("squared", "axes"), List.of("energy"), ModelBuilder.intAttr("keepdims", 0))
          .node("Add", List.of("energy", "eps"), List.of("energy_eps"))
          .node("Sqrt", List.of("energy_eps"), List.of("norm"))
          .node("Div", List.of("one", "norm"), List.of("demod"))
          .node("Reshape", List.of("demod", "demod_shape"), List.of("demod5"))
          .node("Mul", List.of("modulated", "demod5"), List.of("demodulated"));
      weight = "demodulated";
    }
    b.node("Reshape", List.of(weight, "weight_shape"), List.of("weight"))
        .node("Reshape", List.of("input", "input_shape"), List.of("flat_input"));
    if (transposed) {
      b.node("Reshape", List.of("weight", "weight5_shape"), List.of("weight5"))
          .node("Transpose", List.of("weight5"), List.of("weight5_t"), ModelBuilder.intsAttr("perm", 0, 2, 1, 3, 4))
          .node("Reshape", List.of("weight5_t", "transposed_shape"), List.of("weight_t"))
          .node("ConvTranspose", List.of("flat_input", "weight_t"), List.of("conv"),
              ModelBuilder.intsAttr("strides", 2, 2), ModelBuilder.intAttr("group", 1));
    } else {
      b.node("Conv", List.of("flat_input", "weight"), List.of("conv"),
          ModelBuilder.intsAttr("pads", k / 2, k / 2, k / 2, k / 2), ModelBuilder.intAttr("group", 1));
    }
    return b.node("Reshape", List.of("conv", "output_shape"), List.of("output")).toByteArray();
  }

  /**
   * {@code output = upfirdn2d(input * bias, blur, up, pad=(pad0, pad1))} on {@code input
   * [1, channels, size, size]}, exported the official way; {@code bias} is a constant
   * {@code [1, channels, 1, 1]} that tells the channel count.
   */
  public static byte[] blur(long seed, int channels, int size, int up, int pad0, int pad1) {
    Random r = new Random(seed);
    int k = 4;
    int padded = size * up + pad0 + pad1;
    int outSize = padded - k + 1;
    float[] taps = {1, 3, 3, 1};
    float[] kernel = new float[16];
    for (int i = 0; i < 16; i++) {
      kernel[i] = taps[i / 4] * taps[i % 4] / 64f * up * up;
    }
    kernel[1] += 0.05f; // not symmetric, so a missing flip shows
    return new ModelBuilder("blur")
        .input("input", DataType.FLOAT, 1, channels, size, size)
        .output("output", DataType.FLOAT, 1, channels, outSize, outSize)
        .initializer(FloatTensors.floatTensor("bias", new long[] {1, channels, 1, 1}, gaussian(r, channels)))
        .initializer(FloatTensors.floatTensor("blur_kernel", new long[] {k, k}, kernel))
        .initializer(longs("view6", -1, size, 1, size, 1, channels))
        .initializer(longs("up_pads", 0, 0, 0, 0, 0, 0, 0, 0, up - 1, 0, up - 1, 0))
        .initializer(longs("view4", -1, size * up, size * up, channels))
        .initializer(longs("pads", 0, pad0, pad0, 0, 0, pad1, pad1, 0))
        .initializer(longs("zero", 0))
        .initializer(longs("one", 1))
        .initializer(longs("axis0", 0))
        .initializer(scalar("idx1", 1))
        .initializer(longs("image_shape", -1, 1, padded, padded))
        .initializer(longs("flip_starts", -1, -1))
        .initializer(longs("flip_ends", Long.MIN_VALUE + 1, Long.MIN_VALUE + 1))
        .initializer(longs("flip_axes", 0, 1))
        .initializer(longs("flip_steps", -1, -1))
        .initializer(longs("kernel_shape", 1, 1, k, k))
        .initializer(longs("out_shape", -1, channels, outSize, outSize))
        .node("Mul", List.of("input", "bias"), List.of("x"))
        .node("Transpose", List.of("x"), List.of("nhwc"), ModelBuilder.intsAttr("perm", 0, 2, 3, 1))
        .node("Reshape", List.of("nhwc", "view6"), List.of("v6"))
        .node("Pad", List.of("v6", "up_pads"), List.of("upsampled"))
        .node("Reshape", List.of("upsampled", "view4"), List.of("v4"))
        .node("Pad", List.of("v4", "pads"), List.of("padded"))
        .node("Shape", List.of("padded"), List.of("padded_shape"))
        .node("Gather", List.of("padded_shape", "idx1"), List.of("height"))
        .node("Unsqueeze", List.of("height", "axis0"), List.of("height1"))
        .node("Slice", List.of("padded", "zero", "height1", "one", "one"), List.of("cropped"))
        .node("Transpose", List.of("cropped"), List.of("nchw"), ModelBuilder.intsAttr("perm", 0, 3, 1, 2))
        .node("Reshape", List.of("nchw", "image_shape"), List.of("images"))
        .node("Slice", List.of("blur_kernel", "flip_starts", "flip_ends", "flip_axes", "flip_steps"), List.of("flipped"))
        .node("Reshape", List.of("flipped", "kernel_shape"), List.of("kernel4"))
        .node("Conv", List.of("images", "kernel4"), List.of("blurred"))
        .node("Reshape", List.of("blurred", "out_shape"), List.of("output"))
        .toByteArray();
  }
}
