package io.gpen4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.FaceRegion;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class ParserFamilyTest {
  @ParameterizedTest
  @EnumSource(ParserFamily.class)
  void classNames_areTheNineteenCelebAMaskHqClassesBackgroundFirst(ParserFamily family) {
    List<String> names = family.classNames();
    assertEquals(19, names.size());
    assertEquals(19, new HashSet<>(names).size());
    assertEquals("background", names.get(0));
    Set<String> covered = new HashSet<>();
    for (FaceRegion r : FaceRegion.values()) {
      assertTrue(names.containsAll(r.classNames()), r + " names a class " + family + " lacks");
      covered.addAll(r.classNames());
    }
    // Every class but these three is some region's.
    Set<String> rest = new HashSet<>(names);
    rest.removeAll(covered);
    assertEquals(Set.of("background", "cloth", "hat"), rest);
  }

  @Test
  void classIndices_followEachFamilysOrder() {
    // facexlib / face-parsing.PyTorch (BiSeNet) and GPEN's face_parse (ParseNet) orders.
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 10, 11, 12, 13},
        ParserFamily.BISENET.classIndices(FaceRegion.DEFAULTS));
    assertArrayEquals(new int[] {1, 2, 4, 5, 6, 7, 10, 11, 12},
        ParserFamily.PARSENET.classIndices(FaceRegion.DEFAULTS));
    assertArrayEquals(new int[] {17}, ParserFamily.BISENET.classIndices(EnumSet.of(FaceRegion.HAIR)));
    assertArrayEquals(new int[] {13}, ParserFamily.PARSENET.classIndices(EnumSet.of(FaceRegion.HAIR)));
    // GPEN pastes every class but background, hat and cloth.
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17},
        ParserFamily.PARSENET.classIndices(EnumSet.allOf(FaceRegion.class)));
  }

  @Test
  void normalization_isImageNetForBiSeNetAndMinusOneToOneForParseNet() {
    assertEquals(Normalization.RGB_IMAGENET, ParserFamily.BISENET.normalization());
    assertEquals(Normalization.RGB_MINUS_ONE_TO_ONE, ParserFamily.PARSENET.normalization());
  }
}
