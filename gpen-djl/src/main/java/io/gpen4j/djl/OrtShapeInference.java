package io.gpen4j.djl;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.gpen4j.ModelException;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks ONNX Runtime for the shapes an ONNX file leaves free. Many exports declare outputs with
 * unknown dimensions that ONNX Runtime's shape inference fills in when it loads the graph (a
 * RetinaFace export declares {@code loc} as {@code [?,?,?]}; ONNX Runtime reports
 * {@code [?,?,4]}, after constant folding lets it follow a Reshape), and the detectors rely on
 * those. DJL does not expose its session, so a second session with basic optimisation (enough for
 * constant folding) is opened just to read the descriptions and closed at once. Only models with
 * free dimensions pay for it; GPEN generators declare every dimension.
 *
 * <p>The environment is DJL's: its OnnxRuntime engine must create ONNX Runtime's process-wide
 * environment itself (see {@link EngineLoader}), so the engine is loaded first.
 */
final class OrtShapeInference {
  private OrtShapeInference() {}

  /**
   * Returns the signature with ONNX Runtime's descriptions when the file leaves a dimension free.
   *
   * @param declared what the file declares
   * @param file the model file
   * @param name the model's name for messages
   * @return the declared signature if complete, else ONNX Runtime's
   * @throws ModelException if ONNX Runtime cannot load the file
   */
  static ModelSignature complete(ModelSignature declared, Path file, String name) {
    if (isComplete(declared.inputs()) && isComplete(declared.outputs())) {
      return declared;
    }
    EngineLoader.load(DjlEngine.ONNX_RUNTIME);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
      options.setIntraOpNumThreads(1);
      try (OrtSession session = env.createSession(file.toString(), options)) {
        return new ModelSignature(describe(session.getInputInfo(), name), describe(session.getOutputInfo(), name),
            declared.halfWeights());
      }
    } catch (OrtException e) {
      throw new ModelException("ONNX Runtime cannot describe model " + name + " (" + file + "): " + e.getMessage(), e);
    }
  }

  private static boolean isComplete(List<TensorInfo> tensors) {
    for (TensorInfo t : tensors) {
      for (long d : t.shape()) {
        if (d < 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<TensorInfo> describe(Map<String, NodeInfo> nodes, String name) {
    List<TensorInfo> list = new ArrayList<>();
    for (NodeInfo node : nodes.values()) {
      if (!(node.getInfo() instanceof ai.onnxruntime.TensorInfo t)) {
        throw new ModelException("model " + name + ": value '" + node.getName() + "' is not a tensor but "
            + node.getInfo());
      }
      list.add(new TensorInfo(node.getName(), t.getShape(), ElementType.fromOnnxName(t.onnxType.name())));
    }
    return list;
  }
}
