/**
 * Image decoding and encoding: the first and last stages of the pipeline.
 *
 * <p>{@link io.gpen4j.internal.io.ImageDecoder} turns a file or an upload into an upright 8-bit
 * sRGB {@link io.gpen4j.internal.image.RgbaImage} (EXIF orientation applied, grey, palette, 16-bit,
 * CMYK and alpha handled) and rejects oversized, empty, truncated and corrupt inputs with {@link
 * io.gpen4j.ImageDecodeException} or {@link io.gpen4j.ImageTooLargeException}. {@link
 * io.gpen4j.internal.io.ImageEncoder} writes PNG, JPEG and BMP files atomically.
 */
package io.gpen4j.internal.io;
