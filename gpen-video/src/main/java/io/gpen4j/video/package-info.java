/**
 * Restores faces in video files and live frame streams through gpen-core's pipeline, with faces
 * tracked and their landmarks smoothed so they stay steady from frame to frame.
 */
package io.gpen4j.video;
