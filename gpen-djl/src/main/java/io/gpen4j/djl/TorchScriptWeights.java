package io.gpen4j.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Reads a loaded TorchScript module's weights. The only class here that names DJL's PyTorch
 * engine, which is an optional dependency: it is loaded for {@code djl-pytorch} models only, so
 * {@code djl-onnxruntime} runs without the PyTorch jars on the class path.
 */
final class TorchScriptWeights {
  private TorchScriptWeights() {}

  /** Returns whether the module's first floating-point parameter is float16. */
  static boolean hasHalfWeights(Model model) {
    if (!(model.getBlock() instanceof PtSymbolBlock block)) {
      return false;
    }
    NDList params = JniUtils.moduleGetParams(block, (PtNDManager) model.getNDManager());
    try {
      for (NDArray p : params) {
        DataType type = p.getDataType();
        if (type.isFloating()) {
          return type == DataType.FLOAT16;
        }
      }
      return false;
    } finally {
      params.close();
    }
  }
}
