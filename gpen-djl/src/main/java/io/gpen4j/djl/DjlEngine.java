package io.gpen4j.djl;

/** The DJL engines this module drives, with the names users and DJL know them by. */
enum DjlEngine {
  /** DJL's OnnxRuntime engine: the same .onnx files as the {@code onnx} backend. */
  ONNX_RUNTIME("OnnxRuntime", "djl-onnxruntime", 50,
      "ai.djl.onnxruntime:onnxruntime-engine (with com.microsoft.onnxruntime:onnxruntime)"),
  /** DJL's PyTorch engine: TorchScript files. */
  PYTORCH("PyTorch", "djl-pytorch", 40,
      "ai.djl.pytorch:pytorch-engine with ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64 "
          + "and ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0");

  private final String djlName;
  private final String backendName;
  private final int priority;
  private final String artifacts;

  DjlEngine(String djlName, String backendName, int priority, String artifacts) {
    this.djlName = djlName;
    this.backendName = backendName;
    this.priority = priority;
    this.artifacts = artifacts;
  }

  /** Returns the engine's name in DJL. */
  String djlName() {
    return djlName;
  }

  /** Returns the gpen4j backend name. */
  String backendName() {
    return backendName;
  }

  /** Returns the backend's priority: below the {@code onnx} backend's 100. */
  int priority() {
    return priority;
  }

  /** Returns the Maven artifacts the engine needs, for messages. */
  String artifacts() {
    return artifacts;
  }
}
