package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class RestoreOptionsMaskTest {
  @Test
  void defaults_areAutoMaskAndTheFaceProper() {
    assertEquals(FaceMask.AUTO, RestoreOptions.DEFAULTS.faceMask());
    assertEquals(EnumSet.of(FaceRegion.SKIN, FaceRegion.BROWS, FaceRegion.EYES, FaceRegion.NOSE, FaceRegion.MOUTH,
        FaceRegion.LIPS), RestoreOptions.DEFAULTS.faceRegions());
  }

  @Test
  void faceRegions_areCopiedImmutableAndSurviveToBuilder() {
    EnumSet<FaceRegion> regions = EnumSet.of(FaceRegion.SKIN, FaceRegion.HAIR);
    RestoreOptions options = RestoreOptions.builder().faceMask(FaceMask.PARSING).faceRegions(regions).build();
    regions.add(FaceRegion.NECK);

    assertEquals(Set.of(FaceRegion.SKIN, FaceRegion.HAIR), options.faceRegions());
    assertThrows(UnsupportedOperationException.class, () -> options.faceRegions().add(FaceRegion.EARS));
    RestoreOptions copy = options.toBuilder().build();
    assertEquals(FaceMask.PARSING, copy.faceMask());
    assertEquals(options.faceRegions(), copy.faceRegions());
    assertTrue(copy.toString().contains("faceMask=PARSING"), copy.toString());
  }

  @Test
  void faceRegions_emptyOrNull_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RestoreOptions.builder().faceRegions(Set.of()));
    assertTrue(e.getMessage().contains("faceRegions"), e.getMessage());
    assertThrows(NullPointerException.class, () -> RestoreOptions.builder().faceRegions(null));
    assertThrows(NullPointerException.class, () -> RestoreOptions.builder().faceMask(null));
  }

  /**
   * Left unset, the regions and the fidelity are each family's official defaults: facexlib's
   * class set for GFPGAN, CodeFormer and RestoreFormer++, gpen4j's for GPEN; CodeFormer's w 0.5.
   */
  @Test
  void unsetRegionsAndFidelity_followTheGeneratorFamily_setOnesWin() {
    RestoreOptions defaults = RestoreOptions.DEFAULTS;
    assertEquals(FaceRegion.DEFAULTS, defaults.faceRegionsFor(io.gpen4j.models.GeneratorFamily.GPEN));
    for (io.gpen4j.models.GeneratorFamily f : List.of(io.gpen4j.models.GeneratorFamily.GFPGAN,
        io.gpen4j.models.GeneratorFamily.CODEFORMER, io.gpen4j.models.GeneratorFamily.RESTOREFORMER_PLUS_PLUS)) {
      assertEquals(FaceRegion.FACEXLIB, defaults.faceRegionsFor(f), f.toString());
    }
    assertEquals(EnumSet.complementOf(EnumSet.of(FaceRegion.NECK)), FaceRegion.FACEXLIB);
    RestoreOptions set = RestoreOptions.builder().faceRegions(Set.of(FaceRegion.SKIN)).fidelity(0.3).build();
    assertEquals(Set.of(FaceRegion.SKIN), set.faceRegionsFor(io.gpen4j.models.GeneratorFamily.GFPGAN));
    assertEquals(0.3, set.fidelityFor(io.gpen4j.models.GeneratorFamily.CODEFORMER.profile()));
    assertEquals(0.5, defaults.fidelityFor(io.gpen4j.models.GeneratorFamily.CODEFORMER.profile()));
    assertEquals(1.0, defaults.fidelityFor(io.gpen4j.models.GeneratorFamily.GPEN.profile()));
    assertEquals(1.0, defaults.fidelity());
    assertFalse(defaults.fidelitySet());
    assertTrue(set.toBuilder().build().fidelitySet());
  }
}
