/**
 * The restoration pipeline. {@link io.gpen4j.internal.pipeline.RestorePipeline#run} holds the order
 * of the stages in one method, from an {@link io.gpen4j.internal.pipeline.ImageSource} to an
 * {@link io.gpen4j.internal.pipeline.ImageSink}: decode, detect, select, align, enhance,
 * colour-match, paste, encode. {@link io.gpen4j.internal.pipeline.PipelineFactory} assembles it from
 * what the builder was told. Not API.
 */
package io.gpen4j.internal.pipeline;
