/**
 * The live policy's parts behind {@link io.gpen4j.video.LiveStream}: the statistics window and the
 * adaptive quality controller.
 */
package io.gpen4j.video.internal.live;
