/**
 * The restoration pipeline. {@link io.gpen4j.internal.pipeline.RestorePipeline#run} holds the order
 * of the stages in one method, from an {@link io.gpen4j.internal.pipeline.ImageSource} to an
 * {@link io.gpen4j.internal.pipeline.ImageSink}: decode, detect, select, align, enhance,
 * colour-match, paste, encode. {@code io.gpen4j.FaceRestorer}'s constructor assembles it from the
 * stage values, each of which opens its model through {@link io.gpen4j.internal.pipeline.StageSessions}.
 * Not API.
 */
package io.gpen4j.internal.pipeline;
