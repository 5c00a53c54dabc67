package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.ProtoMessage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a generator with rewrites of the element-wise chain between its convolutions, after the
 * constant-kernel rewrite where the file needs it: its constant gains folded into the kernels
 * ({@link GainFold}) and/or each styled convolution's demodulation and noise-weight Muls, Concat
 * and bias Add run as one Concat and a BatchNormalization ({@link ScaleBiasFusion}; the written
 * model is then valid for runs of one face only). Alternative forms gpen-bench measures against
 * the graph the backends load; not used when loading models.
 */
public final class ElementwiseForm {
  private ElementwiseForm() {}

  /**
   * Writes a rewritten form of a model.
   *
   * @param source the generator file (converter export or official-style export)
   * @param target where to write the rewritten model
   * @param foldGains whether to fold the constant gains into the kernels
   * @param scaleBias whether to fuse each styled convolution's scales and bias
   * @return the number of rewrites made (gains folded plus styled convolutions fused)
   * @throws ModelException if the source is not an ONNX model or the target cannot be written
   */
  public static int write(Path source, Path target, boolean foldGains, boolean scaleBias) {
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(ModelCache.map(source)),
        null, foldGains, scaleBias);
    try {
      ModelCache.writeTo(target, r::writeTo);
    } catch (IOException e) {
      throw new ModelException("cannot write the rewritten form to " + target + ": " + e.getMessage(), e);
    }
    return r.gains() + r.scaleBias();
  }
}
