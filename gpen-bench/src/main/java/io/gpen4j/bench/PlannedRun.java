package io.gpen4j.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One JMH run the report makes: a benchmark method with every parameter fixed, so JMH gives it a
 * fork of its own (and the fork's peak RSS belongs to it alone).
 *
 * @param id a unique id, also the JMH log's file name
 * @param kind what is measured
 * @param config the configuration
 * @param photoSize the photo's long side for end-to-end kinds, else 0
 * @param callers concurrent callers (JMH threads)
 * @param optional whether quick mode may drop it to stay within its time budget
 */
record PlannedRun(String id, Kind kind, BenchConfig config, int photoSize, int callers, boolean optional) {
  /** What a run measures. */
  enum Kind {
    /** Model load without a cache folder. */
    LOAD_COLD("ModelLoadBenchmark", "load"),
    /** Model load from the optimised-model cache. */
    LOAD_CACHED("ModelLoadBenchmark", "load"),
    /** One generator run per face. */
    GENERATOR("GeneratorLatencyBenchmark", "generate"),
    /** {@code restore()} of a whole photo. */
    RESTORE("RestoreLatencyBenchmark", "restore"),
    /** Photos per second with concurrent callers. */
    THROUGHPUT("ThroughputBenchmark", "restore");

    private final String benchmarkClass;
    private final String method;

    Kind(String benchmarkClass, String method) {
      this.benchmarkClass = benchmarkClass;
      this.method = method;
    }

    /** Returns the benchmark's full JMH name, {@code io.gpen4j.bench.Class.method}. */
    String benchmark() {
      return "io.gpen4j.bench." + benchmarkClass + "." + method;
    }
  }

  PlannedRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(config, "config");
    if (callers < 1) {
      throw new IllegalArgumentException("callers must be at least 1: " + callers);
    }
  }

  /** Returns the JMH {@code @Param} values of this run. */
  Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("backend", config.backend());
    p.put("device", config.device().toString());
    p.put("precision", config.precision().name());
    p.put("modelSize", Integer.toString(config.modelSize()));
    if (kind == Kind.LOAD_COLD || kind == Kind.LOAD_CACHED) {
      p.put("cache", kind == Kind.LOAD_COLD ? "cold" : "cached");
    }
    if (kind == Kind.RESTORE || kind == Kind.THROUGHPUT) {
      p.put("photoSize", Integer.toString(photoSize));
    }
    return p;
  }
}
