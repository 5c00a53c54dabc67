package io.gpen4j.onnx;

import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.ProtoField;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.onnxformat.rewrite.FloatTensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Network interpolation (Wang et al., "Deep Network Interpolation for Continuous Imagery Effect
 * Transition", CVPR 2019), as Real-ESRGAN's {@code RealESRGANer.dni} does it for
 * realesr-general-x4v3's denoise strength: two models of the same graph, every float weight
 * {@code a w_A + (1 - a) w_B}, computed in float32 as PyTorch does. The graphs must have the same
 * nodes and the same initializers (names, types, shapes); initializers that are not float32
 * (shapes, indices) must be equal, and are kept.
 *
 * <p>Thread-safety: stateless.
 */
final class NetworkInterpolation {
  private NetworkInterpolation() {}

  /**
   * Interpolates two ONNX files.
   *
   * @param a the first model
   * @param b the second model, of the same graph
   * @param weightOfA the weight of {@code a}, in [0, 1]
   * @return the interpolated model's bytes
   * @throws ModelException if a file cannot be read, is not ONNX, or the graphs differ
   * @throws IllegalArgumentException if the weight is outside [0, 1]
   */
  static byte[] interpolate(Path a, Path b, double weightOfA) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (!(weightOfA >= 0 && weightOfA <= 1)) {
      throw new IllegalArgumentException("interpolation weight must be in [0, 1]: " + weightOfA);
    }
    ProtoMessage modelA = ProtoMessage.parse(read(a));
    ProtoMessage modelB = ProtoMessage.parse(read(b));
    String names = a.getFileName() + " and " + b.getFileName();
    ProtoMessage graphA = modelA.message(Model.GRAPH).orElseThrow(() -> new ModelException(a + ": no graph"));
    ProtoMessage graphB = modelB.message(Model.GRAPH).orElseThrow(() -> new ModelException(b + ": no graph"));
    if (!graphA.fields(Graph.NODE).equals(graphB.fields(Graph.NODE))) {
      throw new ModelException(names + " are not the same network (their graphs' nodes differ), so their "
          + "weights cannot be interpolated");
    }
    Map<String, ProtoMessage> weightsB = new HashMap<>();
    for (ProtoMessage t : graphB.messages(Graph.INITIALIZER)) {
      weightsB.put(t.string(Tensor.NAME), t);
    }
    List<ProtoMessage> weightsA = graphA.messages(Graph.INITIALIZER);
    if (weightsA.size() != weightsB.size()) {
      throw new ModelException(names + " have " + weightsA.size() + " and " + weightsB.size() + " weights");
    }
    float wa = (float) weightOfA;
    float wb = (float) (1 - weightOfA);
    ProtoMessage.Builder graph = ProtoMessage.builder();
    int next = 0;
    for (ProtoField f : graphA.fields()) {
      if (f.number() != Graph.INITIALIZER) {
        graph.add(f);
        continue;
      }
      ProtoMessage ta = weightsA.get(next++);
      String name = ta.string(Tensor.NAME);
      ProtoMessage tb = weightsB.get(name);
      if (tb == null || !java.util.Arrays.equals(ta.longs(Tensor.DIMS), tb.longs(Tensor.DIMS))
          || ta.varint(Tensor.DATA_TYPE, 0) != tb.varint(Tensor.DATA_TYPE, 0)) {
        throw new ModelException(names + ": weight '" + name + "' is missing from the second or has another "
            + "shape or type");
      }
      graph.add(ProtoField.message(Graph.INITIALIZER, blend(ta, tb, wa, wb, names)));
    }
    return modelA.toBuilder().set(ProtoField.message(Model.GRAPH, graph.build())).build().toByteArray();
  }

  /** One initializer: float32 values blended into {@code raw_data}, any other type checked equal. */
  private static ProtoMessage blend(ProtoMessage ta, ProtoMessage tb, float wa, float wb, String names) {
    String name = ta.string(Tensor.NAME);
    if (ta.varint(Tensor.DATA_TYPE, 0) != DataType.FLOAT) {
      if (!ta.equals(tb)) {
        throw new ModelException(names + ": weight '" + name + "' is not float32 and differs between them");
      }
      return ta;
    }
    float[] x = FloatTensors.floats(ta);
    float[] y = FloatTensors.floats(tb);
    ByteBuffer raw = ByteBuffer.allocate(x.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < x.length; i++) {
      raw.putFloat(wa * x[i] + wb * y[i]);
    }
    ProtoMessage.Builder t = ProtoMessage.builder();
    boolean written = false;
    for (ProtoField f : ta.fields()) {
      if (f.number() == Tensor.RAW_DATA || f.number() == Tensor.FLOAT_DATA) {
        if (!written) {
          t.addBytes(Tensor.RAW_DATA, raw.array());
          written = true;
        }
      } else {
        t.add(f);
      }
    }
    return t.build();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the interpolated model to a new temporary file.
   *
   * @param a the first model
   * @param b the second model
   * @param weightOfA the weight of {@code a}
   * @return the file, which the caller deletes
   * @throws UncheckedIOException if the temporary file cannot be written
   */
  static Path writeTemporary(Path a, Path b, double weightOfA) {
    byte[] bytes = interpolate(a, b, weightOfA);
    try {
      Path out = Files.createTempFile("gpen4j-interpolated-", ".onnx");
      Files.write(out, bytes);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
