/**
 * The backend SPI: what a module that runs models implements. Start at
 * {@link io.gpen4j.spi.InferenceBackend} (found with {@link java.util.ServiceLoader}), which opens
 * {@link io.gpen4j.spi.ModelSession}s configured by {@link io.gpen4j.spi.SessionSettings}. The
 * pipeline never knows which backend runs its models.
 */
package io.gpen4j.spi;
