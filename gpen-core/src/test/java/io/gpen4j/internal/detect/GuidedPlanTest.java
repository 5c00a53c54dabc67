package io.gpen4j.internal.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectorType;
import io.gpen4j.models.Normalization;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class GuidedPlanTest {
  private static final DetectorModel FIXED =
      new DetectorModel(DetectorType.YUNET, "in", 640, 640, Normalization.BGR_0_255, new YuNetDecoder());
  private static final DetectorModel FIXED_FREED =
      new DetectorModel(DetectorType.YUNET, "in", 640, 640, Normalization.BGR_0_255, new YuNetDecoder(), true);
  private static final DetectorModel FREE =
      new DetectorModel(DetectorType.SCRFD, "in", -1, -1, Normalization.RGB_CENTERED_128, new YuNetDecoder());

  @ParameterizedTest
  @CsvSource({"512, 512, 20", "640, 480, 20", "1000, 700, 32"})
  void of_imageTheFirstPassResolves_isTheWholeImagePassOnly(int width, int height, int smallest) {
    GuidedPlan plan = GuidedPlan.of(FIXED, width, height, smallest);
    assertEquals(1, plan.maxRuns());
    assertEquals(DetectionPlan.of(FIXED, width, height, smallest).tiles().get(0), plan.whole());
  }

  @Test
  void of_3000x2000_candidatePassIsTwoRunsAtAThirdOfTheFineScale() {
    GuidedPlan plan = GuidedPlan.of(FIXED, 3000, 2000, 20);
    assertEquals(2, plan.candidateTiles().size());
    double scale = plan.candidateTiles().get(0).letterbox().scale();
    assertTrue(scale >= 1 / GuidedPlan.MAX_CANDIDATE_RATIO - 1e-9 && scale <= 1 / GuidedPlan.MIN_CANDIDATE_RATIO + 1e-9,
        "candidate scale " + scale);
    assertEquals(24, plan.fineTiles().size());
  }

  /**
   * YuNet with its size freed: the candidate pass is one run over the whole 3000 x 2000 image at a
   * third of the fine scale, and the whole-image pass is cut to the image (640 x 448, not 640 x
   * 640) at the exhaustive plan's scale; the fine tiles stay the exhaustive plan's.
   */
  @Test
  void of_3000x2000_freedSize_candidatePassIsOneRunAndTheWholePassIsCutToTheImage() {
    GuidedPlan plan = GuidedPlan.of(FIXED_FREED, 3000, 2000, 20);
    assertEquals(1, plan.candidateTiles().size());
    Letterbox candidate = plan.candidateTiles().get(0).letterbox();
    assertEquals(3000, candidate.regionWidth());
    assertEquals(2000, candidate.regionHeight());
    assertEquals(0, candidate.inputWidth() % DetectorModel.STRIDE_MULTIPLE);
    assertTrue(candidate.inputWidth() < candidate.contentWidth() + DetectorModel.STRIDE_MULTIPLE, candidate.toString());
    Letterbox whole = plan.whole().letterbox();
    Letterbox exhaustiveWhole = DetectionPlan.of(FIXED_FREED, 3000, 2000, 20).tiles().get(0).letterbox();
    assertEquals(exhaustiveWhole.scale(), whole.scale());
    assertEquals(640, whole.inputWidth());
    assertEquals(448, whole.inputHeight());
    assertEquals(DetectionPlan.of(FIXED, 3000, 2000, 20).tiles().subList(1, 25), plan.fineTiles());
  }

  @Test
  void of_wholeImagePassWithinTheRatioOfTheFineScale_servesAsTheCandidatePass() {
    GuidedPlan plan = GuidedPlan.of(FIXED, 1328, 568, 20); // the Solvay photograph: first pass at 0.48
    assertEquals(List.of(), plan.candidateTiles());
    assertEquals(3, plan.fineTiles().size());
  }

  /**
   * The fine tiles are the exhaustive plan's, and the candidate pass sees every face a fine tile
   * may report whole in one of its tiles, which keeps it.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void of_candidatePassHoldsEveryFaceTheFineTilesReport(long seed) {
    Random random = new Random(seed);
    int width = 1500 + random.nextInt(5000);
    int height = 1000 + random.nextInt(4000);
    DetectorModel model = random.nextBoolean() ? FIXED : FREE;
    GuidedPlan plan = GuidedPlan.of(model, width, height, 20);
    List<DetectionPlan.Tile> exhaustive = DetectionPlan.of(model, width, height, 20).tiles();
    assertEquals(exhaustive.subList(1, exhaustive.size()), plan.fineTiles());
    double maxFace = plan.fineTiles().stream().mapToDouble(DetectionPlan.Tile::maxFace).max().orElseThrow();
    for (DetectionPlan.Tile t : plan.candidateTiles()) {
      assertTrue(t.maxFace() >= maxFace - 1e-9, "candidate tiles hold faces up to " + t.maxFace() + " < " + maxFace);
      int side = model.resizable() ? GuidedPlan.CANDIDATE_SIDE : 640;
      assertTrue(t.letterbox().inputWidth() <= side && t.letterbox().inputHeight() <= side, t.letterbox().toString());
    }
    assertTrue(plan.candidateTiles().size() < plan.fineTiles().size());
  }
}
