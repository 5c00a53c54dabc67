package io.gpen4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class InputFeedsTest {
  private static final List<TensorInfo> INPUTS = List.of(
      new TensorInfo("image", new long[] {1, 3, -1, -1}, ElementType.FLOAT32),
      new TensorInfo("scale", new long[] {1}, ElementType.FLOAT16));

  private static Tensor zeros(long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return Tensor.wrap(new float[(int) n], shape);
  }

  @Test
  void validate_goodFeedInAnyOrder_returnsTensorsInModelOrder() {
    Tensor image = zeros(1, 3, 4, 5);
    Tensor scale = zeros(1);
    Map<String, Tensor> feed = new LinkedHashMap<>();
    feed.put("scale", scale);
    feed.put("image", image);
    List<Tensor> ordered = InputFeeds.validate("m", INPUTS, feed);
    assertEquals(2, ordered.size());
    assertSame(image, ordered.get(0));
    assertSame(scale, ordered.get(1));
  }

  @Test
  void validate_unknownName_listsTheModelsInputs() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputFeeds.validate(
        "gpen", INPUTS, Map.of("image", zeros(1, 3, 2, 2), "scale", zeros(1), "mask", zeros(1))));
    assertEquals("model gpen has no input 'mask'; its inputs are "
        + "[image:float32[1,3,?,?], scale:float16[1]]", e.getMessage());
  }

  @Test
  void validate_missingInput_namesItAndItsShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InputFeeds.validate("gpen", INPUTS, Map.of("image", zeros(1, 3, 2, 2))));
    assertEquals("missing input 'scale' [1] for model gpen", e.getMessage());
  }

  @Test
  void validate_wrongShape_givesExpectedAndActual() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InputFeeds.validate("gpen", INPUTS, Map.of("image", zeros(3, 2, 2), "scale", zeros(1))));
    assertEquals("input 'image' of model gpen: expected shape [1,3,?,?], actual [3, 2, 2]", e.getMessage());
  }

  @Test
  void validate_wrongElementCountForFixedInput_isAShapeError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InputFeeds.validate("gpen", INPUTS, Map.of("image", zeros(1, 3, 2, 2), "scale", zeros(2))));
    assertTrue(e.getMessage().contains("expected shape [1], actual [2]"), e.getMessage());
  }

  @Test
  void validate_nullFeed_throwsNamingIt() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> InputFeeds.validate("m", INPUTS, null));
    assertEquals("feed", e.getMessage());
  }
}
