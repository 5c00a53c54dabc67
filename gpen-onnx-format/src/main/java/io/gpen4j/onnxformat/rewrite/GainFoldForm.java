package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.ProtoMessage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a generator with its constant scalar gains folded into the kernels after them
 * ({@link GainFold}), after the constant-kernel rewrite where the file needs it: the form the
 * backends load ({@link ConstantKernelForm} folds the gains too), written out so gpen-bench can
 * measure it against the file as exported.
 */
public final class GainFoldForm {
  private GainFoldForm() {}

  /**
   * Writes the gain-folded form of a model.
   *
   * @param source the generator file (converter export or official-style export)
   * @param target where to write the rewritten model
   * @return the number of gain multiplications removed
   * @throws ModelException if the source is not an ONNX model or the target cannot be written
   */
  public static int write(Path source, Path target) {
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(ModelCache.map(source)), null, true);
    try {
      ModelCache.writeTo(target, r::writeTo);
    } catch (IOException e) {
      throw new ModelException("cannot write the gain-folded form to " + target + ": " + e.getMessage(), e);
    }
    return r.gains();
  }
}
