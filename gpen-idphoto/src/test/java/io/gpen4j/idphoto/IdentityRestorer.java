package io.gpen4j.idphoto;

import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.DetectorStage;
import io.gpen4j.Landmarks;
import io.gpen4j.MattingStage;
import io.gpen4j.PortraitMatter;
import io.gpen4j.models.MattingFamily;
import io.gpen4j.RestoreOptions;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.testing.CheckedInModels;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The restorer the tests use: the checked-in identity generator (a restored face is the face
 * itself, so geometry is testable) and YuNet from {@code ../shared}; the chroma-key matting model;
 * and the astronaut photo with its landmarks.
 */
final class IdentityRestorer {
  private IdentityRestorer() {}

  static FaceRestorer open() {
    return FaceRestorer.builder()
        .generator(GeneratorStage.of(CheckedInModels.path("identity-256.onnx")))
        .detector(DetectorStage.of(DetectorType.YUNET, SharedData.yunet()))
        .build();
  }

  /** The chroma-key stand-in for a matting model (models/test): alpha 0 on pure green, 1 on the rest. */
  static PortraitMatter chromaKey() {
    return PortraitMatter.builder(MattingStage.of(CheckedInModels.path("chroma-key-matte.onnx"), MattingFamily.MODNET))
        .backend("onnx").build();
  }

  static RgbaImage astronaut() throws IOException {
    BufferedImage image = ImageIO.read(SharedData.image("astronaut.png").toFile());
    return RgbaImage.fromBufferedImage(image);
  }

  /** The astronaut's landmarks as the maker finds them: detected, then refined on an upright view. */
  static Landmarks landmarks(FaceRestorer restorer, RgbaImage image) {
    List<DetectedFace> faces = restorer.detect(image.view(), RestoreOptions.builder().onlyLargestFace().build());
    return LandmarkRefinement.refine(restorer, image, faces.get(0)).landmarks();
  }
}
