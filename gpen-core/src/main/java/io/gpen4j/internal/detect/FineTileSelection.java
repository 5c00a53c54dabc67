package io.gpen4j.internal.detect;

import io.gpen4j.DetectedFace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses which fine tiles of a {@link GuidedPlan} to run, from the candidates the coarser passes
 * found. A candidate is <em>resolved</em> when a coarser pass already saw it as a face clearly
 * (score at least {@link #resolvedScore()}, at least {@link #RESOLVED_INPUT_FACE} input pixels) or
 * reported by the whole-image pass at the size the model is sure of (at least
 * {@link #FOUND_INPUT_FACE} input pixels);
 * any other candidate scoring at least the share of the floor its size needs is a face the fine
 * pass must check. A fine tile runs when a candidate it could report is unresolved; a resolved face
 * is reported from the coarser pass unless every fine tile near it runs. When the model runs at any
 * size, each fine pass runs {@link FineWindows} around the unresolved candidates instead of whole
 * tiles, and every resolved face is reported from its pass.
 *
 * <p>Why it finds what the exhaustive plan finds, as far as the candidates go: a tile that runs is
 * the exhaustive plan's own tile, so it reports the same faces; a tile is idle only when every
 * candidate near it is a face already resolved, which the idle tile would have reported too.
 * "Near" is generous: the keep region grown by half the candidate and by two input pixels of its
 * pass (where a coarse box may be off), so every tile that could keep the face is counted. What it
 * cannot make up for is a face the coarser passes score under the candidate share: that face's
 * tile stays idle. Not thread-safe: one per search.
 */
final class FineTileSelection {
  /**
   * The smallest face, in input pixels of the pass that saw it, that a coarser pass resolves. From
   * 12 px on, YuNet's boxes of the shared and group photographs' faces overlap the fine pass's by
   * an IoU of 0.6 or more (gpen-bench {@code DetectionPlanReport}).
   */
  static final double RESOLVED_INPUT_FACE = 12;

  /**
   * A face the whole-image pass reports (at least the floor) at this many input pixels or more is
   * resolved too: both plans report it as it is, and from this size on the model finds faces
   * reliably ({@link DetectorModel#smallestInputFace()}), so a fine run would add the same face
   * again. The candidate pass is not one of the exhaustive plan's: its faces need the clear score,
   * since one scoring 0.70 there at 32 px on the group photo was the background above a face.
   */
  static final double FOUND_INPUT_FACE = 20;

  /**
   * Candidates of at most {@link #SMALL_INPUT_FACE} input pixels scoring under this share of the
   * score floor are background. Measured with YuNet on the shared photographs: faces of 20-30 px
   * seen at 6-10 input pixels score 0.17-0.28 (of a floor of 0.7).
   */
  static final double SMALL_CANDIDATE_SHARE = 0.2;

  /**
   * Candidates the model sees at {@link #SMALL_INPUT_FACE} input pixels or more and scores under
   * this share of the floor are background: faces that large score near the floor or above, while
   * bodies, hands and clothes around the faces of group photos score 0.15-0.23 there.
   */
  static final double LARGE_CANDIDATE_SHARE = 0.5;

  /** Candidates at least this large, in input pixels, need {@link #LARGE_CANDIDATE_SHARE}. */
  static final double SMALL_INPUT_FACE = 14;

  /** How much larger than a tile's largest face a candidate may look and still be checked there. */
  private static final double SIZE_SLACK = 1.25;

  /** How far, in input pixels of its pass, a candidate's centre may be from the fine pass's. */
  private static final double CENTRE_SLACK = 2;

  private final double scoreThreshold;
  private final List<Candidate> resolved = new ArrayList<>();
  private final List<Candidate> unresolved = new ArrayList<>();

  /**
   * A face found by a coarser pass.
   *
   * @param face the face, in image coordinates
   * @param passScale input pixels per image pixel in the pass that found it
   */
  private record Candidate(DetectedFace face, double passScale) {
    double size() {
      return Math.max(face.box().width(), face.box().height());
    }

    /** Whether the tile could report this face: about its size, and keeping a centre near this one. */
    boolean near(DetectionPlan.Tile tile) {
      if (size() > tile.maxFace() * SIZE_SLACK) {
        return false;
      }
      double margin = size() / 2 + CENTRE_SLACK / passScale;
      double cx = face.box().center().x();
      double cy = face.box().center().y();
      return cx + margin >= tile.keepX0() && cx - margin < tile.keepX1()
          && cy + margin >= tile.keepY0() && cy - margin < tile.keepY1();
    }
  }

  /**
   * The outcome.
   *
   * @param tiles the fine tiles to run, in plan order
   * @param resolvedFaces faces of the coarser passes that stand for the idle tiles' faces
   */
  record Selection(List<DetectionPlan.Tile> tiles, List<DetectedFace> resolvedFaces) {
    Selection {
      tiles = List.copyOf(tiles);
      resolvedFaces = List.copyOf(resolvedFaces);
    }
  }

  /**
   * Starts a selection.
   *
   * @param scoreThreshold the detector's score floor, in [0, 1]
   */
  FineTileSelection(double scoreThreshold) {
    this.scoreThreshold = scoreThreshold;
  }

  /** Returns the lowest score any candidate needs: the decoders' floor for the coarser passes. @return the score */
  double candidateScore() {
    return scoreThreshold * SMALL_CANDIDATE_SHARE;
  }

  /** Returns the score a coarser pass's face needs to be resolved: halfway from the floor to 1. @return the score */
  double resolvedScore() {
    return (1 + scoreThreshold) / 2;
  }

  /**
   * Records a face a coarser pass found; faces scoring under the share of the floor their size
   * needs are ignored.
   *
   * @param face the face, in image coordinates
   * @param passScale input pixels per image pixel in that pass
   */
  void offer(DetectedFace face, double passScale) {
    offer(face, passScale, false);
  }

  /**
   * Records a face a coarser pass found, as {@link #offer(DetectedFace, double)}.
   *
   * @param face the face, in image coordinates
   * @param passScale input pixels per image pixel in that pass
   * @param reported whether that pass is one the exhaustive plan runs too (the whole-image pass),
   *     whose faces at or above the floor are reported as they are
   */
  void offer(DetectedFace face, double passScale, boolean reported) {
    Candidate c = new Candidate(face, passScale);
    double share = c.size() * passScale < SMALL_INPUT_FACE ? SMALL_CANDIDATE_SHARE : LARGE_CANDIDATE_SHARE;
    if (face.score() < scoreThreshold * share) {
      return;
    }
    double inputSize = c.size() * passScale;
    boolean clear = face.score() >= resolvedScore() && inputSize >= RESOLVED_INPUT_FACE;
    boolean found = reported && face.score() >= scoreThreshold && inputSize >= FOUND_INPUT_FACE;
    if (clear || found) {
      resolved.add(c);
    } else {
      unresolved.add(c);
    }
  }

  /**
   * Chooses the tiles, each run whole.
   *
   * @param fineTiles the plan's fine tiles
   * @return the tiles to run and the faces that stand for the others
   */
  Selection select(List<DetectionPlan.Tile> fineTiles) {
    return select(fineTiles, false);
  }

  /**
   * Chooses the tiles.
   *
   * @param fineTiles the plan's fine tiles
   * @param cut whether to run, for each pass, {@link FineWindows} around the faces its chosen
   *     tiles are run for instead of the tiles (the model runs at any size)
   * @return the tiles (or windows) to run and the faces that stand for the others
   */
  Selection select(List<DetectionPlan.Tile> fineTiles, boolean cut) {
    boolean[] run = new boolean[fineTiles.size()];
    List<List<Candidate>> reliedOn = new ArrayList<>();
    for (int i = 0; i < run.length; i++) {
      reliedOn.add(new ArrayList<>());
    }
    for (Candidate c : unresolved) {
      if (insideResolved(c)) {
        continue; // another cell of a resolved face (the decoders report each face many times)
      }
      for (int i = 0; i < run.length; i++) {
        if (c.near(fineTiles.get(i))) {
          run[i] = true;
          reliedOn.get(i).add(c);
        }
      }
    }
    List<DetectedFace> faces = new ArrayList<>();
    for (Candidate c : resolved) {
      boolean nearAny = false;
      boolean allRun = true;
      for (int i = 0; i < run.length; i++) {
        if (c.near(fineTiles.get(i))) {
          nearAny = true;
          allRun &= run[i];
        }
      }
      // Faces too large for every fine tile are the whole-image pass's, reported or not as there.
      // With one tile near it idle, the face might have been that tile's: reported, and merged by
      // the suppression with the running tile's box of the same face where that one keeps it.
      // Windows (cut) are not the tiles, so a resolved face is always reported from its pass.
      if (nearAny && (!allRun || cut)) {
        faces.add(c.face());
      }
    }
    List<DetectionPlan.Tile> tiles = new ArrayList<>();
    for (int i = 0; i < run.length; i++) {
      if (run[i] && !cut) {
        tiles.add(fineTiles.get(i));
      }
    }
    if (cut) {
      tiles.addAll(windows(fineTiles, run, reliedOn));
    }
    return new Selection(tiles, faces);
  }

  /** Each pass's running tiles replaced by {@link FineWindows} around the faces they run for. */
  private static List<DetectionPlan.Tile> windows(List<DetectionPlan.Tile> fineTiles, boolean[] run,
      List<List<Candidate>> reliedOn) {
    int width = 0;
    int height = 0;
    for (DetectionPlan.Tile t : fineTiles) {
      width = Math.max(width, t.letterbox().regionX() + t.letterbox().regionWidth());
      height = Math.max(height, t.letterbox().regionY() + t.letterbox().regionHeight());
    }
    List<DetectionPlan.Tile> windows = new ArrayList<>();
    for (int from = 0; from < fineTiles.size(); ) {
      double scale = fineTiles.get(from).letterbox().scale();
      int to = from;
      Set<Candidate> faces = new LinkedHashSet<>();
      for (; to < fineTiles.size() && fineTiles.get(to).letterbox().scale() == scale; to++) {
        if (run[to]) {
          faces.addAll(reliedOn.get(to));
        }
      }
      // Candidates of several coarser scales: the slack of the coarsest, as near() allows.
      double slack = 0;
      for (Candidate c : faces) {
        slack = Math.max(slack, CENTRE_SLACK / c.passScale());
      }
      windows.addAll(FineWindows.of(scale, fineTiles.get(from).maxFace(), faces.stream().map(Candidate::face).toList(),
          slack, width, height));
      from = to;
    }
    return windows;
  }

  private boolean insideResolved(Candidate c) {
    for (Candidate r : resolved) {
      // Another cell of the same face is about its size; a face within a larger one is not.
      if (r.face().box().contains(c.face().box().center()) && c.size() >= r.size() / 2) {
        return true;
      }
    }
    return false;
  }
}
