package io.gpen4j.internal.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorType;
import io.gpen4j.Landmarks;
import io.gpen4j.models.Normalization;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class FineTileSelectionTest {
  private static final DetectorModel FIXED =
      new DetectorModel(DetectorType.YUNET, "in", 640, 640, Normalization.BGR_0_255, new YuNetDecoder());
  private static final DetectorModel FREE =
      new DetectorModel(DetectorType.SCRFD, "in", -1, -1, Normalization.RGB_CENTERED_128, new YuNetDecoder());
  private static final double FLOOR = 0.7;

  /**
   * Every fine tile that would keep a face is run when a coarser pass saw the face as an
   * unresolved candidate, with the box error of a coarse pass: off by up to two of its input
   * pixels, and 0.8-1.25 times the size. Faces at tile corners and in overlaps are common here
   * (tiles overlap by up to a fifth of their side), so a selection that dropped one tile of
   * several would fail.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void select_everyTileThatWouldKeepAnUnresolvedCandidate_runs(long seed) {
    Random random = new Random(seed);
    int width = 1500 + random.nextInt(5000);
    int height = 1000 + random.nextInt(4000);
    GuidedPlan plan = GuidedPlan.of(random.nextBoolean() ? FIXED : FREE, width, height, 20);
    List<DetectionPlan.Tile> fine = plan.fineTiles();
    double passScale = plan.candidateTiles().isEmpty()
        ? plan.whole().letterbox().scale() : plan.candidateTiles().get(0).letterbox().scale();
    for (int trial = 0; trial < 300; trial++) {
      DetectionPlan.Tile some = fine.get(random.nextInt(fine.size()));
      double size = 15 + random.nextDouble() * (some.maxFace() - 15);
      // Near a random split of the chosen tile half the time, anywhere in it otherwise.
      double cx = random.nextBoolean() ? finite(some.keepX1(), width) : random.nextDouble() * width;
      double cy = random.nextBoolean() ? finite(some.keepY1(), height) : random.nextDouble() * height;
      DetectedFace face = face(cx, cy, size, 0.9);
      double error = 2 / passScale;
      DetectedFace seen = face(cx + (random.nextDouble() * 2 - 1) * error, cy + (random.nextDouble() * 2 - 1) * error,
          size * (0.8 + random.nextDouble() * 0.45), 0.5);
      FineTileSelection selection = new FineTileSelection(FLOOR);
      selection.offer(seen, passScale);
      FineTileSelection.Selection chosen = selection.select(fine);
      for (DetectionPlan.Tile t : fine) {
        if (t.keeps(face)) {
          assertTrue(chosen.tiles().contains(t), "tile " + t.letterbox() + " keeps " + face.box() + " seen as " + seen.box());
        }
      }
      assertTrue(chosen.resolvedFaces().isEmpty());
    }
  }

  @Test
  void select_resolvedFaceWithNothingElseNear_runsNoTileAndIsReportedOnce() {
    GuidedPlan plan = GuidedPlan.of(FIXED, 3000, 2000, 20);
    FineTileSelection selection = new FineTileSelection(FLOOR);
    double scale = plan.candidateTiles().get(0).letterbox().scale();
    DetectedFace face = face(1500, 1000, 50, 0.9); // 16 input pixels at a third of the fine scale
    selection.offer(face, scale);
    // Another cell of the same face, lower and a little off, is not a candidate of its own.
    selection.offer(face(1505, 1004, 58, 0.4), scale);
    FineTileSelection.Selection chosen = selection.select(plan.fineTiles());
    assertEquals(List.of(), chosen.tiles());
    assertEquals(List.of(face), chosen.resolvedFaces());
  }

  @Test
  void select_resolvedFaceBesideARunningTile_isReportedAndTheTileRuns() {
    GuidedPlan plan = GuidedPlan.of(FIXED, 3000, 2000, 20);
    DetectionPlan.Tile first = plan.fineTiles().get(0);
    double scale = plan.candidateTiles().get(0).letterbox().scale();
    FineTileSelection selection = new FineTileSelection(FLOOR);
    DetectedFace resolved = face(first.keepX1(), 300, 50, 0.9); // on the split between tiles 0 and 1
    DetectedFace small = face(first.keepX1() - 150, 300, 22, 0.2);
    selection.offer(resolved, scale);
    selection.offer(small, scale);
    FineTileSelection.Selection chosen = selection.select(plan.fineTiles());
    assertTrue(chosen.tiles().contains(first));
    assertEquals(List.of(resolved), chosen.resolvedFaces(), "one tile near it stays idle");
  }

  @Test
  void offer_backgroundScores_runNoTile() {
    GuidedPlan plan = GuidedPlan.of(FIXED, 3000, 2000, 20);
    double scale = plan.candidateTiles().get(0).letterbox().scale();
    FineTileSelection selection = new FineTileSelection(FLOOR);
    selection.offer(face(500, 500, 25, FLOOR * FineTileSelection.SMALL_CANDIDATE_SHARE - 0.01), scale);
    double large = FineTileSelection.SMALL_INPUT_FACE / scale + 5;
    selection.offer(face(1500, 500, large, FLOOR * FineTileSelection.LARGE_CANDIDATE_SHARE - 0.01), scale);
    assertEquals(List.of(), selection.select(plan.fineTiles()).tiles());
    selection.offer(face(1500, 500, large, FLOOR * FineTileSelection.LARGE_CANDIDATE_SHARE + 0.01), scale);
    assertTrue(!selection.select(plan.fineTiles()).tiles().isEmpty(), "a large candidate near the floor is checked");
  }

  @Test
  void select_faceTooLargeForEveryFineTile_isLeftToTheWholeImagePass() {
    GuidedPlan plan = GuidedPlan.of(FIXED, 3000, 2000, 20);
    double maxFace = plan.fineTiles().get(0).maxFace();
    FineTileSelection selection = new FineTileSelection(FLOOR);
    selection.offer(face(1500, 1000, 2 * maxFace, 0.95), plan.whole().letterbox().scale());
    selection.offer(face(800, 1000, 2 * maxFace, 0.3), plan.whole().letterbox().scale());
    FineTileSelection.Selection chosen = selection.select(plan.fineTiles());
    assertEquals(List.of(), chosen.tiles());
    assertEquals(List.of(), chosen.resolvedFaces());
  }

  /** A point just off a split, or a random point where the split is at infinity. */
  private static double finite(double split, int length) {
    return Double.isFinite(split) ? split - 0.5 : length / 2.0;
  }

  /**
   * A face the whole-image pass reports at the size the model is sure of needs no fine run, even
   * under the clear score; the same face from the candidate pass (not one of the exhaustive plan's
   * passes) does.
   */
  @Test
  void offer_faceTheWholePassReportsAtTwentyInputPixels_isResolved_fromTheCandidatePassItIsNot() {
    GuidedPlan plan = GuidedPlan.of(FIXED, 3000, 2000, 20);
    double whole = plan.whole().letterbox().scale();
    DetectedFace face = face(1500, 1000, 21 / whole, 0.75);
    FineTileSelection reported = new FineTileSelection(FLOOR);
    reported.offer(face, whole, true);
    FineTileSelection.Selection chosen = reported.select(plan.fineTiles());
    assertEquals(List.of(), chosen.tiles());
    assertEquals(List.of(face), chosen.resolvedFaces());
    FineTileSelection candidate = new FineTileSelection(FLOOR);
    candidate.offer(face, plan.candidateTiles().get(0).letterbox().scale());
    assertTrue(!candidate.select(plan.fineTiles()).tiles().isEmpty(), "a candidate under the clear score ran no tile");
  }

  /**
   * Cut to windows, an unresolved candidate gets a window that keeps it whole, and a resolved face
   * beside it is reported from its pass, not left to the window.
   */
  @Test
  void select_cut_unresolvedCandidateGetsAWindow_resolvedFaceIsReported() {
    GuidedPlan plan = GuidedPlan.of(FREE, 3000, 2000, 20);
    double scale = plan.candidateTiles().get(0).letterbox().scale();
    DetectedFace unresolved = face(1200, 800, 30, 0.4);
    DetectedFace resolved = face(1290, 800, 60, 0.95);
    FineTileSelection selection = new FineTileSelection(FLOOR);
    selection.offer(unresolved, scale);
    selection.offer(resolved, scale);
    FineTileSelection.Selection chosen = selection.select(plan.fineTiles(), true);
    assertEquals(1, chosen.tiles().size(), chosen.tiles().toString());
    DetectionPlan.Tile window = chosen.tiles().get(0);
    assertTrue(window.keeps(unresolved));
    assertTrue(window.letterbox().inputWidth() * window.letterbox().inputHeight() < 640 * 640 / 2,
        window.letterbox().toString());
    assertEquals(List.of(resolved), chosen.resolvedFaces());
  }

  private static DetectedFace face(double cx, double cy, double size, double score) {
    return new DetectedFace(new BoundingBox(cx - size / 2, cy - size / 2, size, size),
        Landmarks.of(cx - 5, cy - 5, cx + 5, cy - 5, cx, cy, cx - 4, cy + 5, cx + 4, cy + 5), score);
  }
}
