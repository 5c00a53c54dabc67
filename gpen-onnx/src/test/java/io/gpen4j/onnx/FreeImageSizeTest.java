package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gpen4j.onnxformat.testing.OfficialStyleGraphs;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SessionSettings.freeImageSize} as the backend applies it: YuNet, exported at 640 x 640,
 * opens with a free height and width and runs a 960 x 640 input, with or without a cache folder;
 * off, it keeps its declared size; a graph that names its size keeps it even when asked.
 */
final class FreeImageSizeTest {
  @TempDir
  Path tmp;

  @Test
  void open_yunetWithFreeImageSize_declaresAFreeSizeAndRunsAnother() throws IOException {
    for (SessionSettings settings : List.of(SessionSettings.builder().freeImageSize(true).build(),
        SessionSettings.builder().freeImageSize(true).cacheDirectory(tmp.resolve("cache")).build())) {
      try (ModelSession s = new OnnxBackend().open(ModelSource.of(SharedData.yunet()), settings)) {
        assertArrayEquals(new long[] {1, 3, -1, -1}, s.inputs().get(0).shape());
        Tensor out = s.run(Map.of("input", Tensor.wrap(new float[3 * 640 * 960], 1, 3, 640, 960)))
            .get("cls_8");
        assertEquals((960 / 8) * (640 / 8), out.toArray().length);
      }
    }
  }

  @Test
  void open_yunetWithoutFreeImageSize_keepsItsDeclaredSize() {
    try (ModelSession s = new OnnxBackend().open(ModelSource.of(SharedData.yunet()), SessionSettings.DEFAULTS)) {
      assertArrayEquals(new long[] {1, 3, 640, 640}, s.inputs().get(0).shape());
    }
  }

  /** A generator-like graph (a style input beside the image) is not an image model of one input: left as it is. */
  @Test
  void open_graphWithTwoInputs_keepsItsSize() throws IOException {
    Path model = tmp.resolve("official-style.onnx");
    Files.write(model, OfficialStyleGraphs.modulatedConv(5, true, false, 6, 4, 3, 9, 2, 3, 4));
    try (ModelSession s = new OnnxBackend().open(ModelSource.of(model),
        SessionSettings.builder().freeImageSize(true).build())) {
      long[] shape = s.inputs().stream().filter(i -> i.name().equals("input")).findFirst().orElseThrow().shape();
      assertArrayEquals(new long[] {1, 6, 9, 9}, shape);
    }
  }
}
