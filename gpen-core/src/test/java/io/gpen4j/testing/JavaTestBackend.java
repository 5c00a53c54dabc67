package io.gpen4j.testing;

import io.gpen4j.BackendException;
import io.gpen4j.ModelException;
import io.gpen4j.RestorationException;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pure-Java backend for gpen-core's own tests, where no native runtime is on the class path.
 * Its "models" are one-line text files that name a function and a shape:
 *
 * <ul>
 *   <li>{@code identity S}: input {@code [1,3,S,S]}, output equal to the input (an identity
 *       generator: restore() must give back the input image);
 *   <li>{@code nan S}: like identity, but every output value is NaN;
 *   <li>{@code shape d0,d1,...}: an identity whose input and output have the given shape; a -1
 *       dimension is free (e.g. {@code shape -1,3,256,256} takes any batch).
 * </ul>
 *
 * Use {@link #writeModel} to create one. It is passed to the restorer explicitly, not registered
 * with ServiceLoader, so it never shadows a real backend in other modules' tests.
 */
public final class JavaTestBackend implements InferenceBackend {
  private final AtomicInteger runs = new AtomicInteger();

  /**
   * Writes a model file.
   *
   * @param dir the folder
   * @param spec the model line, e.g. {@code "identity 256"}
   * @return the file
   */
  public static Path writeModel(Path dir, String spec) {
    try {
      Path file = Files.createTempFile(dir, "model-", ".javamodel");
      Files.writeString(file, spec + "\n", StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Returns how many runs the sessions of this backend served. @return the count */
  public int runs() {
    return runs.get();
  }

  @Override
  public String name() {
    return "java-test";
  }

  @Override
  public int priority() {
    return -1000;
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public Set<Device.Kind> deviceKinds() {
    return EnumSet.of(Device.Kind.CPU);
  }

  @Override
  public Set<Precision> precisions() {
    return EnumSet.of(Precision.FP32);
  }

  @Override
  public ModelSession open(ModelSource source, SessionSettings settings) {
    if (settings.device().isGpu()) {
      throw new BackendException("java-test backend has no GPU support: " + settings.device());
    }
    String line;
    try {
      line = Files.readString(source.path(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new ModelException("cannot read model " + source.path() + ": " + e, e);
    }
    String[] parts = line.split("\\s+");
    if (parts.length != 2) {
      throw new ModelException("not a java-test model: " + source.path());
    }
    long[] shape;
    boolean nan = false;
    switch (parts[0]) {
      case "identity":
      case "nan":
        long s = Long.parseLong(parts[1]);
        shape = new long[] {1, 3, s, s};
        nan = parts[0].equals("nan");
        break;
      case "shape":
        shape = Arrays.stream(parts[1].split(",")).mapToLong(Long::parseLong).toArray();
        break;
      default:
        throw new ModelException("not a java-test model: " + source.path());
    }
    return new Session(shape, nan);
  }

  private final class Session implements ModelSession {
    private final long[] shape;
    private final boolean nan;
    private final AtomicBoolean closed = new AtomicBoolean();

    Session(long[] shape, boolean nan) {
      this.shape = shape;
      this.nan = nan;
    }

    @Override
    public List<TensorInfo> inputs() {
      return List.of(new TensorInfo("input", shape, ElementType.FLOAT32));
    }

    @Override
    public List<TensorInfo> outputs() {
      return List.of(new TensorInfo("output", shape, ElementType.FLOAT32));
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
      if (closed.get()) {
        throw new RestorationException("java-test session is closed");
      }
      Tensor in = inputs.get("input");
      if (in == null || !fits(in.shape())) {
        throw new IllegalArgumentException("expected input " + Arrays.toString(shape)
            + ", got " + (in == null ? "none" : Arrays.toString(in.shape())));
      }
      runs.incrementAndGet();
      float[] out = in.toArray();
      if (nan) {
        Arrays.fill(out, Float.NaN);
      }
      return Map.of("output", Tensor.wrap(out, in.shape()));
    }

    private boolean fits(long[] actual) {
      if (actual.length != shape.length) {
        return false;
      }
      for (int i = 0; i < shape.length; i++) {
        if (shape[i] != -1 && shape[i] != actual[i]) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }
}
