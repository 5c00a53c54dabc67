/** Face tracking across frames; {@link io.gpen4j.video.internal.track.FaceTracker} is the entry point. */
package io.gpen4j.video.internal.track;
