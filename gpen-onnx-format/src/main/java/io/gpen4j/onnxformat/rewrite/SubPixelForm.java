package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.ProtoMessage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a generator's up-samplings as sub-pixel convolutions ({@link SubPixelUpsample}), after the
 * constant-kernel rewrite where the file needs it: the alternative forms gpen-bench measures
 * against the graph the backends load. Not used when loading models (it measured slower on the
 * CPU); serves gpen4j's own benchmarks.
 */
public final class SubPixelForm {
  private SubPixelForm() {}

  /**
   * Writes the sub-pixel form of a model.
   *
   * @param source the generator file (converter export or official-style export)
   * @param target where to write the rewritten model
   * @param foldBlur true to fold each blur into its kernel (one 3x3 convolution per phase for
   *     GPEN), false to rewrite the transposed convolution alone and keep the blur
   * @return the number of up-samplings rewritten
   * @throws ModelException if the source is not an ONNX model or the target cannot be written
   */
  public static int write(Path source, Path target, boolean foldBlur) {
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(ModelCache.map(source)),
        foldBlur ? SubPixelUpsample.Form.FOLDED : SubPixelUpsample.Form.TRANSPOSED_ONLY);
    try {
      ModelCache.writeTo(target, r::writeTo);
    } catch (IOException e) {
      throw new ModelException("cannot write the sub-pixel form to " + target + ": " + e.getMessage(), e);
    }
    return r.upsamplings();
  }

  /**
   * Writes the four-phase form of a model: each up-sampling's transposed convolution as four
   * stride-1 convolutions of only the taps of their output phase (its own multiply-adds), their
   * outputs concatenated and interleaved by a DepthToSpace, the blur kept.
   *
   * @param source the generator file (converter export or official-style export)
   * @param target where to write the rewritten model
   * @return the number of up-samplings rewritten
   * @throws ModelException if the source is not an ONNX model or the target cannot be written
   */
  public static int writeFourPhase(Path source, Path target) {
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(ModelCache.map(source)),
        SubPixelUpsample.Form.FOUR_PHASE);
    try {
      ModelCache.writeTo(target, r::writeTo);
    } catch (IOException e) {
      throw new ModelException("cannot write the four-phase form to " + target + ": " + e.getMessage(), e);
    }
    return r.upsamplings();
  }
}
