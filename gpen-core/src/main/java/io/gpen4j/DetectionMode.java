package io.gpen4j;

/**
 * How thoroughly a built-in detector searches an image. A detector of your own
 * ({@link DetectorStage#of(FaceDetector)}) is always called once.
 */
public enum DetectionMode {
  /**
   * The default: one pass over the whole image at the detector's input size (640 px), a candidate
   * pass at about a third of the finest scale, and then, of the tiles {@link #TILED_EXHAUSTIVE}
   * runs, only those holding a face-like candidate that the coarser passes have not already
   * resolved. It finds the faces {@link #TILED_EXHAUSTIVE} finds (measured on the shared and
   * synthetic group photographs), at a fraction of the runs where small faces are few.
   */
  TILED,
  /**
   * One pass over the whole image at the detector's input size (640 px), plus passes over
   * overlapping tiles at higher resolution covering the whole image until faces down to the
   * smallest face wanted ({@link RestoreOptions#smallestFaceSearched()}) are large enough for the
   * detector; images too small for that are searched on an enlarged copy. A face seen by several
   * tiles or passes is reported once. A photo whose faces the first pass already resolves (a 512 px
   * portrait, say) costs one detector run; a 3000x2000 group photo searched down to 20 px faces 25.
   */
  TILED_EXHAUSTIVE,
  /**
   * One pass over the whole image shrunk to the detector's input size: fastest, but faces under
   * about 3% of the image's long side (20 px at 640) are missed.
   */
  SINGLE_PASS
}
