package io.gpen4j.internal.detect;

import java.util.List;

/**
 * The detector runs of a guided tiled search ({@link io.gpen4j.DetectionMode#TILED_GUIDED}): the
 * whole-image pass, a candidate pass, and the fine tiles of the exhaustive plan
 * ({@link DetectionPlan#of}, {@link io.gpen4j.DetectionMode#TILED}) to choose from.
 *
 * <ol>
 *   <li>The whole-image pass, as in the exhaustive plan; its faces are kept as they are.
 *   <li>The candidate pass: tiles at about a third of the finest scale (larger ones,
 *       {@link #CANDIDATE_SIDE}, when the model runs at any size), where the smallest face
 *       wanted is 6-7 input pixels: too small to report, and on the Solvay photograph's faces
 *       enough for YuNet to score them 0.17-0.28, above most of the background (gpen-bench
 *       {@code DetectionPlanReport}); a portrait pasted at 24 px on the coffee photograph scores
 *       0.01 there, which is why this plan is not the default. Skipped when the whole-image pass
 *       is already that fine.
 *   <li>The fine tiles that {@link FineTileSelection} picks from the candidates of both passes:
 *       the tiles of the exhaustive plan that hold a face-like candidate not yet resolved, run
 *       exactly as the exhaustive plan runs them, so they report the same faces; when the model
 *       runs at any size, each fine pass runs {@link FineWindows} around those candidates instead.
 * </ol>
 *
 * @param whole the whole-image run
 * @param candidateTiles the candidate pass, empty when the whole-image pass serves as one
 * @param fineTiles the exhaustive plan's finer tiles, coarsest first; empty when the whole-image
 *     pass resolves the smallest face wanted
 */
record GuidedPlan(DetectionPlan.Tile whole, List<DetectionPlan.Tile> candidateTiles, List<DetectionPlan.Tile> fineTiles) {
  /** The candidate pass runs at most this many times coarser than the finest pass... */
  static final double MAX_CANDIDATE_RATIO = 3.4;

  /** ...and at least this many times, choosing the scale in between that needs the fewest runs. */
  static final double MIN_CANDIDATE_RATIO = 3.0;

  /**
   * The longest input side of a candidate run when the model runs at any size: one run over a
   * 3000 x 2000 photo (900-1000 px at the candidate scale) instead of two 640 x 640 tiles that
   * resample the overlap twice. YuNet's time grows with the pixels it sees, so the run costs what
   * its area does; a larger side saved little on 6000 x 4000 for much more peak memory (gpen-bench
   * README, "Detection plans").
   */
  static final int CANDIDATE_SIDE = 1280;

  GuidedPlan {
    candidateTiles = List.copyOf(candidateTiles);
    fineTiles = List.copyOf(fineTiles);
  }

  /**
   * Plans a guided search.
   *
   * @param model the detector model
   * @param width the image width
   * @param height the image height
   * @param smallestFace the smallest face to find, in image pixels, positive
   * @return the plan
   * @throws IllegalArgumentException if {@code smallestFace} is not positive
   */
  static GuidedPlan of(DetectorModel model, int width, int height, int smallestFace) {
    List<DetectionPlan.Tile> exhaustive = DetectionPlan.of(model, width, height, smallestFace).tiles();
    DetectionPlan.Tile whole = exhaustive.get(0);
    List<DetectionPlan.Tile> fine = exhaustive.subList(1, exhaustive.size());
    if (fine.isEmpty()) {
      return new GuidedPlan(whole, List.of(), List.of());
    }
    double coarse = whole.letterbox().scale();
    double finest = fine.get(fine.size() - 1).letterbox().scale();
    if (coarse * MAX_CANDIDATE_RATIO >= finest) {
      return new GuidedPlan(whole, List.of(), fine);
    }
    if (model.resizable()) {
      // The whole-image pass cut to the image instead of padded to the model's fixed size.
      Letterbox lb = whole.letterbox();
      whole = new DetectionPlan.Tile(
          Letterbox.padded(0, 0, lb.regionWidth(), lb.regionHeight(), lb.scale(), DetectorModel.STRIDE_MULTIPLE),
          whole.keepX0(), whole.keepY0(), whole.keepX1(), whole.keepY1(), whole.maxFace());
    }
    List<DetectionPlan.Tile> best = null;
    // A few scales between the two ratios: a slightly coarser pass often needs a row of tiles less.
    for (int k = 0; k <= 4; k++) {
      double ratio = MIN_CANDIDATE_RATIO + k * (MAX_CANDIDATE_RATIO - MIN_CANDIDATE_RATIO) / 4;
      double scale = finest / ratio;
      List<DetectionPlan.Tile> tiles = model.resizable()
          ? DetectionPlan.pass(model, width, height, scale, scale / coarse, CANDIDATE_SIDE, CANDIDATE_SIDE, true)
          : DetectionPlan.pass(model, width, height, scale, scale / coarse);
      if (best == null || tiles.size() < best.size()) {
        best = tiles;
      }
    }
    return new GuidedPlan(whole, best, fine);
  }

  /** Returns how many detector runs the plan makes at most. @return runs */
  int maxRuns() {
    return 1 + candidateTiles.size() + fineTiles.size();
  }
}
