package io.gpen4j.models;

import io.gpen4j.FaceRegion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The face-parsing networks gpen4j can run for a {@link io.gpen4j.FaceMask#PARSING} mask. Both
 * take a 512x512 RGB face crop and return one score map per CelebAMask-HQ class (19), but in a
 * different class order and with different input normalisation, so a file must be described by
 * its family (docs/REFERENCE.md §8; class orders checked against facexlib's and GPEN's code).
 */
public enum ParserFamily {
  /**
   * BiSeNet with a ResNet context path (zllrunning/face-parsing.PyTorch; facexlib
   * {@code parsing_bisenet.pth}, facefusion {@code bisenet_resnet_18/34.onnx}): ImageNet mean/std
   * normalisation.
   */
  BISENET(Normalization.RGB_IMAGENET, List.of("background", "skin", "l_brow", "r_brow", "l_eye", "r_eye",
      "eye_g", "l_ear", "r_ear", "ear_r", "nose", "mouth", "u_lip", "l_lip", "neck", "neck_l", "cloth", "hair",
      "hat")),
  /** GPEN's ParseNet ({@code ParseNet-latest.pth}, facexlib {@code parsing_parsenet.pth}): RGB in [-1, 1]. */
  PARSENET(Normalization.RGB_MINUS_ONE_TO_ONE, List.of("background", "skin", "nose", "eye_g", "l_eye", "r_eye",
      "l_brow", "r_brow", "l_ear", "r_ear", "mouth", "u_lip", "l_lip", "hair", "hat", "ear_r", "neck_l", "neck",
      "cloth"));

  /** The input side both families were trained at. */
  public static final int INPUT_SIZE = 512;

  private final Normalization normalization;
  private final List<String> classNames;

  ParserFamily(Normalization normalization, List<String> classNames) {
    this.normalization = normalization;
    this.classNames = classNames;
  }

  /**
   * Returns how the crop's pixels are fed to the model.
   *
   * @return the normalisation
   */
  public Normalization normalization() {
    return normalization;
  }

  /**
   * Returns the class names in the order of the model's output channels.
   *
   * @return 19 names, {@code background} first
   */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * Returns the output channels that make up some regions.
   *
   * @param regions the regions
   * @return the channel indices, ascending, without duplicates
   */
  public int[] classIndices(Collection<FaceRegion> regions) {
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < classNames.size(); i++) {
      for (FaceRegion r : regions) {
        if (r.classNames().contains(classNames.get(i))) {
          indices.add(i);
          break;
        }
      }
    }
    return indices.stream().mapToInt(Integer::intValue).toArray();
  }
}
