package io.gpen4j;

/**
 * How thoroughly a built-in detector searches an image. A detector of your own
 * ({@link DetectorStage#of(FaceDetector)}) is always called once.
 */
public enum DetectionMode {
  /**
   * The default: one pass over the whole image at the detector's input size (640 px), plus passes
   * over overlapping tiles at higher resolution until faces down to the smallest face wanted
   * ({@link RestoreOptions#smallestFaceSearched()}) are large enough for the detector; images too
   * small for that are searched on an enlarged copy. A face seen by several tiles or passes is
   * reported once. A photo whose faces the first pass already resolves (a 512 px portrait, say)
   * costs one detector run; a 3000x2000 group photo searched down to 20 px faces about 25.
   */
  TILED,
  /**
   * {@link #TILED}'s whole-image pass, a candidate pass at about a third of the finest scale, and
   * then, of the tiles {@link #TILED} runs, only those holding a face-like candidate that the
   * coarser passes have not already resolved: fewer runs where small faces are few or clear. A
   * detector that runs at any size (the built-in YuNet as the detect stage opens it, SCRFD,
   * RetinaFace) makes the coarse passes from one shrunk copy of the photo, the candidate pass one
   * run, and runs windows cut around the candidates instead of whole tiles. It finds what
   * {@link #TILED} finds on old group photographs (the Solvay photograph at 1-3x, in gpen-bench's
   * group photos), but it can miss faces under about 40 px that the candidate pass does not see as
   * face-like at a third of their size (a portrait pasted at 24-40 px on a textured background
   * scores under 0.05 there, and as little as 0.02 even at two thirds), so it is not the default.
   */
  TILED_GUIDED,
  /**
   * One pass over the whole image shrunk to the detector's input size: fastest, but faces under
   * about 3% of the image's long side (20 px at 640) are missed.
   */
  SINGLE_PASS
}
