package io.gpen4j.internal.image;

/**
 * The kernels {@link ResampleTaps} offers. Both interpolate bilinearly along an axis that grows;
 * they differ in how an axis that shrinks is averaged, so a shrunk image is never aliased.
 */
public enum ResampleFilter {
  /**
   * Each output pixel averages the source interval it covers, weighted by overlap: OpenCV's
   * {@code INTER_AREA}. Sharpest without aliasing; the background resize uses it.
   */
  AREA,
  /**
   * A tent of radius {@code 1 / scale} source pixels: Pillow's antialiased bilinear
   * ({@code ImagingResample}). Slightly softer than {@link #AREA}; the detectors were measured
   * with it (see {@code DetectorModel}).
   */
  TRIANGLE
}
