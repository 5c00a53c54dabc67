package io.gpen4j.video;

import io.gpen4j.RestorationException;
import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real ONNX Runtime backend with one model made slower on purpose: each run of that model's
 * session sleeps a fixed time after running (a slow GPU or a large generator, without its cost in
 * CPU), every other model runs as it is. For the live policy's tests, which need restoring to be
 * slower than the camera on any machine.
 */
final class SlowedBackend implements InferenceBackend {
  private final OnnxBackend real = new OnnxBackend();
  private final Path slowModel;
  private final Duration delay;

  SlowedBackend(Path slowModel, Duration delay) {
    this.slowModel = slowModel.toAbsolutePath().normalize();
    this.delay = delay;
  }

  @Override
  public String name() {
    return "onnx-slowed";
  }

  @Override
  public int priority() {
    return real.priority();
  }

  @Override
  public boolean isAvailable() {
    return real.isAvailable();
  }

  @Override
  public Set<Device.Kind> deviceKinds() {
    return real.deviceKinds();
  }

  @Override
  public Set<Precision> precisions() {
    return real.precisions();
  }

  @Override
  public ModelSession open(ModelSource source, SessionSettings settings) {
    ModelSession session = real.open(source, settings);
    return source.path().toAbsolutePath().normalize().equals(slowModel) ? new Slowed(session, delay) : session;
  }

  /** A session that sleeps after each run. */
  private record Slowed(ModelSession session, Duration delay) implements ModelSession {
    @Override
    public List<TensorInfo> inputs() {
      return session.inputs();
    }

    @Override
    public List<TensorInfo> outputs() {
      return session.outputs();
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
      Map<String, Tensor> out = session.run(inputs);
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RestorationException("interrupted in the slowed session", e);
      }
      return out;
    }

    @Override
    public void close() {
      session.close();
    }
  }
}
