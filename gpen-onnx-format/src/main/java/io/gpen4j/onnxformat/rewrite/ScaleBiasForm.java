package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.ProtoMessage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a generator with each styled convolution's demodulation and noise-weight Muls, Concat and
 * bias Add run as one Concat and a BatchNormalization ({@link ScaleBiasFusion}), after the
 * constant-kernel rewrite where the file needs it, optionally with its constant gains folded
 * ({@link GainFold}): alternative forms gpen-bench measures against the graph the backends load.
 * The written model is valid for runs of one face only. Not used when loading models.
 */
public final class ScaleBiasForm {
  private ScaleBiasForm() {}

  /**
   * Writes the fused form of a model.
   *
   * @param source the generator file (converter export or official-style export)
   * @param target where to write the rewritten model
   * @param foldGains whether to fold the constant gains into the kernels too
   * @return the number of styled convolutions rewritten
   * @throws ModelException if the source is not an ONNX model or the target cannot be written
   */
  public static int write(Path source, Path target, boolean foldGains) {
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(ModelCache.map(source)),
        null, foldGains, true);
    try {
      ModelCache.writeTo(target, r::writeTo);
    } catch (IOException e) {
      throw new ModelException("cannot write the scale-bias form to " + target + ": " + e.getMessage(), e);
    }
    return r.scaleBias();
  }
}
