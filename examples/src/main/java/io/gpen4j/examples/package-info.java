/**
 * The {@code gpen4j} command-line tool built on gpen4j: {@link io.gpen4j.examples.Gpen4j} is the
 * entry point, with the {@code restore} command ({@link io.gpen4j.examples.cli}) and the {@code web}
 * demo ({@link io.gpen4j.examples.web}); {@link io.gpen4j.examples.EngineOptions} chooses the models
 * and how they run for both.
 */
package io.gpen4j.examples;
