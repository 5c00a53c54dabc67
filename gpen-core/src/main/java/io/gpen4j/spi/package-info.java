/**
 * The backend SPI: what a module that runs models implements. Start at
 * {@link io.gpen4j.spi.InferenceBackend} (found with {@link java.util.ServiceLoader}), which opens
 * {@link io.gpen4j.spi.ModelSession}s configured by {@link io.gpen4j.spi.SessionSettings}. A
 * session describes its tensors with {@link io.gpen4j.spi.TensorInfo} and
 * {@link io.gpen4j.spi.ElementType}, and checks what it is given to run with
 * {@link io.gpen4j.spi.InputFeeds}, so every backend rejects a bad feed the same way. The pipeline
 * never knows which backend runs its models.
 */
package io.gpen4j.spi;
