/**
 * The restoration pipeline. {@link io.gpen4j.internal.pipeline.RestorePipeline#restore} holds the
 * order of the stages in one method: detect, select, align, enhance, colour-match, paste. Not API.
 */
package io.gpen4j.internal.pipeline;
