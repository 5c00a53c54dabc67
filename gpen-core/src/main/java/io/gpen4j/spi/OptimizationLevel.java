package io.gpen4j.spi;

/** How much graph optimisation a backend applies when it loads a model. */
public enum OptimizationLevel {
  /** No optimisation: fastest to load. */
  NONE,
  /** Safe, local rewrites such as constant folding. */
  BASIC,
  /** Basic plus operator fusions. */
  EXTENDED,
  /** Everything the backend offers, including layout changes (the default). */
  ALL
}
