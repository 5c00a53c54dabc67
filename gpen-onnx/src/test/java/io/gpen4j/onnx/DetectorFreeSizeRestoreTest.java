package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectionMode;
import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The detect stage opens its detector with {@code freeImageSize} and the generator without it: the
 * built-in YuNet then runs at any size, and a guided search of the Solvay photograph at 2x restores
 * every face with its declared-size plan's count.
 */
final class DetectorFreeSizeRestoreTest {
  /** The ONNX Runtime backend, recording the settings each model is opened with. */
  private static final class Recording implements InferenceBackend {
    final OnnxBackend delegate = new OnnxBackend();
    final Map<String, SessionSettings> opened = new ConcurrentHashMap<>();
    final Map<String, long[]> inputs = new ConcurrentHashMap<>();

    @Override
    public String name() {
      return "recording-onnx";
    }

    @Override
    public int priority() {
      return -1000;
    }

    @Override
    public boolean isAvailable() {
      return true;
    }

    @Override
    public Set<Device.Kind> deviceKinds() {
      return delegate.deviceKinds();
    }

    @Override
    public Set<Precision> precisions() {
      return delegate.precisions();
    }

    @Override
    public ModelSession open(ModelSource source, SessionSettings settings) {
      ModelSession s = delegate.open(source, settings);
      opened.put(source.path().getFileName().toString(), settings);
      inputs.put(source.path().getFileName().toString(), s.inputs().get(0).shape());
      return s;
    }
  }

  @Test
  void restore_detectorOpenedWithFreeSize_generatorWithout() throws IOException {
    Recording backend = new Recording();
    BufferedImage solvay = ImageIO.read(SharedData.image("solvay_conference_1927.png").toFile());
    BufferedImage twice = new BufferedImage(solvay.getWidth() * 2, solvay.getHeight() * 2, BufferedImage.TYPE_INT_RGB);
    twice.createGraphics().drawImage(solvay, 0, 0, twice.getWidth(), twice.getHeight(), null);
    try (FaceRestorer restorer = FaceRestorer.builder().backend(backend)
        .generator(TestModels.path(TestModels.CONV_256_BATCH)).build()) {
      RestoreResult guided = restorer.restore(twice, RestoreOptions.builder()
          .detectionMode(DetectionMode.TILED_GUIDED).build());
      RestoreResult tiled = restorer.restore(twice, RestoreOptions.builder().detectionMode(DetectionMode.TILED).build());
      assertEquals(tiled.faces().size(), guided.faces().size());
      assertEquals(29, tiled.faces().size());
    }
    String yunet = backend.opened.keySet().stream().filter(n -> n.contains("yunet")).findFirst().orElseThrow();
    assertTrue(backend.opened.get(yunet).freeImageSize(), "the detector was opened without freeImageSize");
    assertEquals(List.of(1L, 3L, -1L, -1L), Arrays.stream(backend.inputs.get(yunet)).boxed().toList());
    backend.opened.forEach((name, settings) -> {
      if (!name.equals(yunet)) {
        assertFalse(settings.freeImageSize(), name + " was opened with freeImageSize");
      }
    });
  }
}
