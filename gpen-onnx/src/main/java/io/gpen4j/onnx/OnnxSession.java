package io.gpen4j.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.platform.Fp16Conversions;
import io.gpen4j.ModelException;
import io.gpen4j.RestorationException;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.InputFeeds;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded ONNX model.
 *
 * <p>Concurrency: ONNX Runtime's {@code OrtSession.run} is thread-safe, so all callers share one
 * native session and keep their tensors on their own stacks; nothing per call lives in a field.
 * A read-write lock lets any number of runs proceed together while {@link #close()} waits for
 * them to finish before it frees the native session.
 *
 * <p>Float16 inputs and outputs (a model saved in FP16 with FP16 I/O) are converted at this
 * boundary (ONNX Runtime's {@link Fp16Conversions}: nearest, ties to even), so callers always
 * exchange float32 tensors.
 */
final class OnnxSession implements ModelSession {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxSession.class);

  private final OrtEnvironment env;
  private final OrtSession session;
  private final ModelSource source;
  private final Device device;
  private final List<TensorInfo> inputs;
  private final List<TensorInfo> outputs;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final DirectInputs directInputs = new DirectInputs();
  private boolean closed;

  OnnxSession(OrtEnvironment env, OrtSession session, ModelSource source, Device device) throws OrtException {
    this.env = env;
    this.session = session;
    this.source = source;
    this.device = device;
    this.inputs = describe(session.getInputInfo(), source);
    this.outputs = describe(session.getOutputInfo(), source);
  }

  private static List<TensorInfo> describe(Map<String, NodeInfo> nodes, ModelSource source) {
    List<TensorInfo> list = new ArrayList<>();
    for (NodeInfo node : nodes.values()) {
      if (!(node.getInfo() instanceof ai.onnxruntime.TensorInfo t)) {
        throw new ModelException("model " + source.name() + " (" + source.path() + "): value '"
            + node.getName() + "' is not a tensor but " + node.getInfo());
      }
      list.add(new TensorInfo(node.getName(), t.getShape(), ElementType.fromOnnxName(t.onnxType.name())));
    }
    return List.copyOf(list);
  }

  /** Returns the device the session runs on, after any CPU fallback. */
  Device device() {
    return device;
  }

  @Override
  public List<TensorInfo> inputs() {
    return inputs;
  }

  @Override
  public List<TensorInfo> outputs() {
    return outputs;
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> feed) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new RestorationException("the ONNX Runtime session for " + source.name() + " is closed");
      }
      List<Tensor> ordered = InputFeeds.validate(source.name(), inputs, feed);
      Map<String, OnnxTensor> ortInputs = new LinkedHashMap<>();
      try {
        for (int i = 0; i < inputs.size(); i++) {
          ortInputs.put(inputs.get(i).name(), toOrt(i, inputs.get(i), ordered.get(i)));
        }
        try (OrtSession.Result result = session.run(ortInputs)) {
          Map<String, Tensor> out = new LinkedHashMap<>();
          for (Map.Entry<String, OnnxValue> e : result) {
            out.put(e.getKey(), fromOrt(e.getKey(), (OnnxTensor) e.getValue()));
          }
          return out;
        }
      } catch (OrtException e) {
        throw new RestorationException("ONNX Runtime failed to run " + source.name() + " on " + device
            + ": " + e.getMessage(), e);
      } finally {
        ortInputs.values().forEach(OnnxTensor::close);
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private OnnxTensor toOrt(int index, TensorInfo info, Tensor t) throws OrtException {
    switch (info.elementType()) {
      case FLOAT32:
        return OnnxTensor.createTensor(env, directInputs.copy(index, t.buffer()), t.shape());
      case FLOAT16:
        ShortBuffer half = Fp16Conversions.convertFloatBufferToFp16Buffer(t.buffer());
        return OnnxTensor.createTensor(env, half, t.shape(), OnnxJavaType.FLOAT16);
      case FLOAT64:
        // CodeFormer's exports take their weight w as a double.
        float[] values = t.toArray();
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
          wide[i] = values[i];
        }
        return OnnxTensor.createTensor(env, java.nio.DoubleBuffer.wrap(wide), t.shape());
      default:
        throw new IllegalArgumentException("input '" + info.name() + "' of model " + source.name()
            + " holds " + info.elementType() + "; this backend feeds float32, float16 or float64 inputs only");
    }
  }

  private Tensor fromOrt(String name, OnnxTensor tensor) {
    long[] shape = tensor.getInfo().getShape();
    ElementType type = ElementType.fromOnnxName(tensor.getInfo().onnxType.name());
    if (!type.isFloatExchangeable()) {
      throw new RestorationException("output '" + name + "' of model " + source.name() + " holds "
          + type + "; this backend returns float32 or float16 outputs only");
    }
    // getFloatBuffer copies out of native memory, widening float16 with Fp16Conversions; reuse
    // its array when it is exact.
    FloatBuffer fb = tensor.getFloatBuffer();
    if (fb.hasArray() && fb.arrayOffset() == 0 && fb.array().length == fb.remaining()) {
      return Tensor.wrap(fb.array(), shape);
    }
    return Tensor.copyOf(fb, shape);
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      session.close();
    } catch (OrtException | RuntimeException e) {
      LOG.warn("closing the ONNX Runtime session for {} failed; its native memory may leak", source.name(), e);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "OnnxSession[" + source.name() + " on " + device + "]";
  }
}
