package io.gpen4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Node;
import io.gpen4j.onnxformat.OnnxFields.OpsetId;
import io.gpen4j.onnxformat.OnnxFields.Shape;
import io.gpen4j.onnxformat.OnnxFields.Type;
import io.gpen4j.onnxformat.OnnxFields.ValueInfo;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.onnxformat.rewrite.FloatTensors;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;

/**
 * ONNX Runtime's own FP32 matrix-multiply rate on this CPU: one {@code 2048 x 2048 x 2048} MatMul
 * with a constant right-hand side (pre-packed, as convolution kernels are), the ceiling a
 * generator's convolutions are measured against. Holds one session; close it.
 */
final class MatMulCeiling implements AutoCloseable {
  /** The matrix side. */
  static final int N = 2048;

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final OnnxTensor a;

  /**
   * Opens the MatMul model.
   *
   * @param threads intra-op threads, as the generator gets
   * @throws OrtException if ONNX Runtime fails
   */
  MatMulCeiling(int threads) throws OrtException {
    Random r = new Random(7);
    float[] b = new float[N * N];
    float[] av = new float[N * N];
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextFloat() - 0.5f;
      av[i] = r.nextFloat() - 0.5f;
    }
    ProtoMessage graph = ProtoMessage.builder()
        .addMessage(Graph.NODE, ProtoMessage.builder().addString(Node.INPUT, "a").addString(Node.INPUT, "b")
            .addString(Node.OUTPUT, "y").addString(Node.NAME, "matmul").addString(Node.OP_TYPE, "MatMul").build())
        .addString(Graph.NAME, "matmul_ceiling")
        .addMessage(Graph.INITIALIZER, FloatTensors.floatTensor("b", new long[] {N, N}, b))
        .addMessage(Graph.INPUT, valueInfo("a"))
        .addMessage(Graph.OUTPUT, valueInfo("y"))
        .build();
    byte[] model = ProtoMessage.builder()
        .addVarint(Model.IR_VERSION, 7)
        .addMessage(Model.GRAPH, graph)
        .addMessage(Model.OPSET_IMPORT, ProtoMessage.builder().addString(OpsetId.DOMAIN, "").addVarint(OpsetId.VERSION, 13).build())
        .build().toByteArray();
    try (SessionOptions options = new SessionOptions()) {
      options.setOptimizationLevel(OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(threads);
      session = env.createSession(model, options);
    }
    a = OnnxTensor.createTensor(env, FloatBuffer.wrap(av), new long[] {N, N});
  }

  private static ProtoMessage valueInfo(String name) {
    ProtoMessage shape = ProtoMessage.builder()
        .addMessage(Shape.DIM, ProtoMessage.builder().addVarint(Shape.DIM_VALUE, N).build())
        .addMessage(Shape.DIM, ProtoMessage.builder().addVarint(Shape.DIM_VALUE, N).build())
        .build();
    ProtoMessage tensor = ProtoMessage.builder().addVarint(Type.TENSOR_ELEM_TYPE, DataType.FLOAT)
        .addMessage(Type.TENSOR_SHAPE, shape).build();
    return ProtoMessage.builder().addString(ValueInfo.NAME, name)
        .addMessage(ValueInfo.TYPE, ProtoMessage.builder().addMessage(Type.TENSOR_TYPE, tensor).build()).build();
  }

  /**
   * Times one MatMul.
   *
   * @return billions of multiply-adds per second
   * @throws OrtException if ONNX Runtime fails
   */
  double gmacPerSecond() throws OrtException {
    long t0 = System.nanoTime();
    session.run(Map.of("a", a)).close();
    double seconds = (System.nanoTime() - t0) / 1e9;
    return (double) N * N * N / seconds / 1e9;
  }

  @Override
  public void close() {
    a.close();
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the MatMul session", e);
    }
  }
}
