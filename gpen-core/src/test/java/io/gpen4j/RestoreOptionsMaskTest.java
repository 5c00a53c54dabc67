package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
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
}
