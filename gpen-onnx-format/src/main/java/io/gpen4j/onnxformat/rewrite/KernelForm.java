package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.ProtoMessage;
import java.nio.file.Path;

/**
 * How a generator file holds its convolution kernels, which decides how fast ONNX Runtime runs
 * it on a CPU. Files exported from the official GPEN code compute every kernel at run time
 * (scaled by the style and demodulated) and blur through reshapes and single-channel
 * convolutions; {@link ConstantKernelForm} rewrites that form at load into the constant-kernel
 * form of the project's converter (faster per face on a CPU, see the gpen-onnx README) unless
 * {@code SessionSettings.rewriteOfficialExports()} is false. Reported through
 * {@link ConstantKernelForm#describe}.
 */
enum KernelForm {
  /** Every kernel is a constant: the project converter's export, or a model without modulation. */
  CONSTANT("constant-kernel form"),
  /** An official-style export that this backend rewrites into the constant-kernel form at load. */
  REWRITTEN_AT_LOAD("official-style export, rewritten at load"),
  /**
   * Kernels computed at run time in a form the rewrite does not know (or the rewrite is switched
   * off): loaded as exported, at the slower speed.
   */
  RUN_TIME("run-time kernels, loaded as exported");

  private final String description;

  KernelForm(String description) {
    this.description = description;
  }

  /** Returns the form in words, for reports. @return e.g. "official-style export, rewritten at load" */
  String description() {
    return description;
  }

  /**
   * Reads a model file's graph and tells its form. Reads the whole graph (about a second for an
   * official GPEN-512 export); meant for reports, not for every load.
   *
   * @param model an ONNX file
   * @return the form
   * @throws io.gpen4j.ModelException if the file cannot be read or holds no ONNX graph
   */
  static KernelForm of(Path model) {
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(ModelCache.map(model)));
    if (r.changed()) {
      return REWRITTEN_AT_LOAD;
    }
    return r.leftAlone().isEmpty() ? CONSTANT : RUN_TIME;
  }
}
