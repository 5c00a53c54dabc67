/**
 * gpen4j's public API. Start at {@link io.gpen4j.FaceRestorer}: build one with a GPEN generator and
 * a face detector, then call {@code restore}. Per-call settings are {@link io.gpen4j.RestoreOptions};
 * results are {@link io.gpen4j.RestoreResult} and {@link io.gpen4j.RestoredFace}; every exception
 * the library throws on purpose extends {@link io.gpen4j.GpenException}. To separate a portrait from
 * its background, start at {@link io.gpen4j.PortraitMatter}, which returns a {@link io.gpen4j.Matte}.
 */
package io.gpen4j;
