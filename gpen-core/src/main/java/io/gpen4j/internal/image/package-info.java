/**
 * Pure-Java image operations of the pipeline: {@link io.gpen4j.internal.image.AffineWarp} aligns a
 * face into a crop, {@link io.gpen4j.internal.image.ColorMatch} and
 * {@link io.gpen4j.internal.image.FeatherMask} prepare the restored crop, and
 * {@link io.gpen4j.internal.image.PasteBack} blends it into the frame;
 * {@link io.gpen4j.internal.image.ResampleTaps} is the one resampler ({@link
 * io.gpen4j.internal.image.ImageResize} and the detectors' input writer apply it). Frames are
 * {@link io.gpen4j.internal.image.RgbaImage}, crops and masks {@link io.gpen4j.internal.image.FloatImage}.
 * Pixel centres are at integer coordinates, as in OpenCV; the ops are checked against OpenCV in tests.
 */
package io.gpen4j.internal.image;
