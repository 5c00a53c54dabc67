package io.gpen4j.internal.backend;

import io.gpen4j.BackendException;
import io.gpen4j.spi.InferenceBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds inference backends with {@link ServiceLoader}, each time it is asked (when a restorer is
 * built), never in a static initializer: the class path a restorer sees is the one in force when
 * it is built.
 */
public final class BackendLocator {
  private BackendLocator() {}

  /**
   * Returns every backend registered on the class path, available or not.
   *
   * @param loader the class loader to search
   * @return the backends, highest priority first
   */
  public static List<InferenceBackend> all(ClassLoader loader) {
    List<InferenceBackend> list = new ArrayList<>();
    ServiceLoader.load(InferenceBackend.class, loader).forEach(list::add);
    list.sort(Comparator.comparingInt(InferenceBackend::priority).reversed());
    return list;
  }

  /**
   * Returns the named backend, or the available one with the highest priority when {@code name}
   * is null.
   *
   * @param name the backend's name, case-insensitive, or null
   * @param loader the class loader to search
   * @return the backend
   * @throws BackendException if the name is unknown (listing the known ones), or no backend is
   *     on the class path or none can load here
   */
  public static InferenceBackend find(String name, ClassLoader loader) {
    List<InferenceBackend> backends = all(loader);
    if (backends.isEmpty()) {
      throw new BackendException("no inference backend on the class path: add a backend artifact "
          + "such as io.gpen4j:gpen-onnx or io.gpen4j:gpen-djl");
    }
    String names = backends.stream().map(InferenceBackend::name).collect(Collectors.joining(", "));
    if (name != null) {
      String wanted = name.trim().toLowerCase(Locale.ROOT);
      for (InferenceBackend b : backends) {
        if (b.name().equals(wanted)) {
          return b;
        }
      }
      throw new BackendException("unknown backend '" + name + "'; available: " + names);
    }
    for (InferenceBackend b : backends) {
      if (b.isAvailable()) {
        return b;
      }
    }
    throw new BackendException("no inference backend can load on this machine (tried " + names
        + "); check that its native libraries match this OS and CPU");
  }
}
