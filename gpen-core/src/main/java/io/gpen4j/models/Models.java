package io.gpen4j.models;

import io.gpen4j.ModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalogue of models gpen4j knows, read from the manifest in gpen-core's jar ({@code
 * models/manifest.json} in the source tree). Get a local, verified file for one with a {@link
 * ModelRepository}:
 *
 * <pre>{@code
 * Path gpen = ModelRepository.builder()
 *     .allowDownload(true)
 *     .acceptLicense(Models.GPEN_BFR_512.license().id()) // non-commercial use only
 *     .build()
 *     .resolve(Models.GPEN_BFR_512);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Models {
  private static final List<ModelSpec> ALL = ManifestParser.loadBundled();

  /** GPEN-BFR-256: the 256x256 GPEN restorer. Non-commercial licence. */
  public static final ModelSpec GPEN_BFR_256 = require("GPEN-BFR-256");

  /** GPEN-BFR-512: the 512x512 GPEN restorer, the usual choice. Non-commercial licence. */
  public static final ModelSpec GPEN_BFR_512 = require("GPEN-BFR-512");

  /** GPEN-BFR-1024: the 1024x1024 GPEN restorer. Non-commercial licence. */
  public static final ModelSpec GPEN_BFR_1024 = require("GPEN-BFR-1024");

  /** GPEN-BFR-2048: the 2048x2048 GPEN restorer. Non-commercial licence. */
  public static final ModelSpec GPEN_BFR_2048 = require("GPEN-BFR-2048");

  /** GFPGAN 1.4: 512x512, FFHQ template. Apache-2.0. */
  public static final ModelSpec GFPGAN_1_4 = require("GFPGAN-1.4");

  /** CodeFormer: 512x512, FFHQ template, takes the fidelity as w. S-Lab licence, non-commercial. */
  public static final ModelSpec CODEFORMER = require("CodeFormer");

  /** RestoreFormer++: 512x512, FFHQ template. Apache-2.0 (see models/README.md). */
  public static final ModelSpec RESTOREFORMER_PLUS_PLUS = require("RestoreFormer++");

  /** OpenCV's YuNet face detector (2023mar). MIT licence. */
  public static final ModelSpec YUNET = require("YuNet");

  /** InsightFace's SCRFD 2.5g detector with landmarks. Non-commercial research licence. */
  public static final ModelSpec SCRFD_2_5G = require("SCRFD-2.5G");

  /** RetinaFace with a MobileNet-0.25 backbone. MIT licence (see models/README.md). */
  public static final ModelSpec RETINAFACE_MNET025 = require("RetinaFace-MNet0.25");

  /** Real-ESRGAN x2plus background upscaler (official .pth, convert before use). BSD-3-Clause. */
  public static final ModelSpec REALESRGAN_X2PLUS = require("RealESRGAN_x2plus");

  /** Real-ESRGAN x4plus background upscaler (official .pth, convert before use). BSD-3-Clause. */
  public static final ModelSpec REALESRGAN_X4PLUS = require("RealESRGAN_x4plus");

  /** Real-ESRGAN general x4 v3, the compact background upscaler (official .pth, convert before use). BSD-3-Clause. */
  public static final ModelSpec REALESR_GENERAL_X4V3 = require("realesr-general-x4v3");

  /**
   * realesr-general-x4v3's weak-denoise twin (the same network), whose weights are blended with it
   * by the denoise strength ({@code FaceRestorer.Builder.backgroundDenoise}).
   */
  public static final ModelSpec REALESR_GENERAL_WDN_X4V3 = require("realesr-general-wdn-x4v3");

  /**
   * BiSeNet face parser (ResNet-18, 19 classes; zllrunning/face-parsing.PyTorch weights, MIT) as
   * clibdev's ONNX export: {@code ParserStage.of(spec, repository)}.
   */
  public static final ModelSpec BISENET_RESNET18 = require("BiSeNet-ResNet18");

  /**
   * MODNet photographic portrait matting (ZHKKKe/MODNet, Apache-2.0), the ONNX version of the
   * official weights: {@code MattingStage.of(spec, repository)}. Hash and size as independent
   * projects pin them, not computed here (models/README.md).
   */
  public static final ModelSpec MODNET_PHOTOGRAPHIC = require("MODNet-Photographic");

  private Models() {}

  /**
   * Returns every catalogued model, in manifest order.
   *
   * @return the models, immutable
   */
  public static List<ModelSpec> all() {
    return ALL;
  }

  /**
   * Returns the names of every catalogued model, in manifest order.
   *
   * @return the names, immutable
   */
  public static List<String> names() {
    List<String> names = new ArrayList<>(ALL.size());
    for (ModelSpec spec : ALL) {
      names.add(spec.name());
    }
    return List.copyOf(names);
  }

  /**
   * Finds a model by name or file name, ignoring case, dashes, underscores and dots: {@code
   * GPEN-BFR-512}, {@code gpen_bfr_512} and {@code GPEN-BFR-512.onnx} all name the same model.
   *
   * @param name the name as a user typed it
   * @return the model, if one matches
   * @throws NullPointerException if {@code name} is null
   */
  public static Optional<ModelSpec> find(String name) {
    Objects.requireNonNull(name, "name");
    String key = ModelNames.key(name);
    for (ModelSpec spec : ALL) {
      if (ModelNames.key(spec.name()).equals(key) || ModelNames.key(spec.fileName()).equals(key)) {
        return Optional.of(spec);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns a model by name or file name, as {@link #find(String)} matches them.
   *
   * @param name the name as a user typed it
   * @return the model
   * @throws NullPointerException if {@code name} is null
   * @throws ModelException if no model has that name; the message lists the known names
   */
  public static ModelSpec byName(String name) {
    return find(name)
        .orElseThrow(
            () -> new ModelException("unknown model '" + name + "'; known models: " + names()));
  }

  private static ModelSpec require(String name) {
    return find(name)
        .orElseThrow(
            () -> new IllegalStateException("model manifest has no entry " + name + ": " + names()));
  }
}
