package io.gpen4j.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.gpen4j.ModelException;
import io.gpen4j.RestorationException;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One loaded ONNX model. {@link OrtSession#run} is thread-safe, so concurrent callers share the
 * session; a read-write lock keeps {@link #close()} from freeing it under a running call.
 */
final class OnnxSession implements ModelSession {
  private final OrtEnvironment env;
  private final OrtSession session;
  private final ModelSource source;
  private final List<TensorInfo> inputs;
  private final List<TensorInfo> outputs;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  OnnxSession(OrtEnvironment env, OrtSession session, ModelSource source) throws OrtException {
    this.env = env;
    this.session = session;
    this.source = source;
    this.inputs = describe(session.getInputInfo());
    this.outputs = describe(session.getOutputInfo());
  }

  private static List<TensorInfo> describe(Map<String, NodeInfo> nodes) {
    List<TensorInfo> list = new ArrayList<>();
    for (NodeInfo node : nodes.values()) {
      if (!(node.getInfo() instanceof ai.onnxruntime.TensorInfo t)) {
        throw new ModelException("model value '" + node.getName() + "' is not a tensor: " + node.getInfo());
      }
      list.add(new TensorInfo(node.getName(), t.getShape(), t.type.toString().toLowerCase(Locale.ROOT)));
    }
    return List.copyOf(list);
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
        throw new RestorationException("session for " + source.name() + " is closed");
      }
      Map<String, OnnxTensor> ortInputs = new LinkedHashMap<>();
      try {
        for (TensorInfo info : inputs) {
          Tensor t = feed.get(info.name());
          if (t == null) {
            throw new IllegalArgumentException("missing input '" + info.name() + "' for " + source.name());
          }
          if (!info.accepts(t.shape())) {
            throw new IllegalArgumentException("input '" + info.name() + "' of " + source.name()
                + " expects " + info.shapeText() + ", got " + java.util.Arrays.toString(t.shape()));
          }
          ortInputs.put(info.name(), OnnxTensor.createTensor(env, t.buffer(), t.shape()));
        }
        try (OrtSession.Result result = session.run(ortInputs)) {
          Map<String, Tensor> out = new LinkedHashMap<>();
          for (Map.Entry<String, OnnxValue> e : result) {
            OnnxTensor tensor = (OnnxTensor) e.getValue();
            FloatBuffer fb = tensor.getFloatBuffer();
            out.put(e.getKey(), Tensor.copyOf(fb, tensor.getInfo().getShape()));
          }
          return out;
        }
      } catch (OrtException e) {
        throw new RestorationException("ONNX Runtime failed to run " + source.name() + ": " + e.getMessage(), e);
      } finally {
        for (OnnxTensor t : ortInputs.values()) {
          t.close();
        }
      }
    } finally {
      lifecycle.readLock().unlock();
    }
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
    } catch (OrtException e) {
      throw new IllegalStateException("closing " + source.name(), e);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
