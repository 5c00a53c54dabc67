package io.gpen4j;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A part of a face that a face-parsing model labels; a {@link FaceMask#PARSING} mask is the union
 * of the chosen regions. Each region names the CelebAMask-HQ classes it covers, which both BiSeNet
 * and ParseNet predict (in different orders).
 */
public enum FaceRegion {
  /** Facial skin (forehead, cheeks, chin). */
  SKIN("skin"),
  /** Both eyebrows. */
  BROWS("l_brow", "r_brow"),
  /** Both eyes. */
  EYES("l_eye", "r_eye"),
  /** Eyeglasses. */
  GLASSES("eye_g"),
  /** The nose. */
  NOSE("nose"),
  /** The inner mouth (teeth, tongue). */
  MOUTH("mouth"),
  /** Upper and lower lip. */
  LIPS("u_lip", "l_lip"),
  /** Both ears and earrings. */
  EARS("l_ear", "r_ear", "ear_r"),
  /** The neck and necklaces. */
  NECK("neck", "neck_l"),
  /** Hair. */
  HAIR("hair");

  /**
   * The regions pasted by default: the face proper, as facefusion's region mask, but without
   * glasses, so real frames are kept rather than redrawn by the generator. GPEN's own script also
   * pastes hair, ears and neck; add {@link #HAIR} to paste the restored hair.
   */
  public static final Set<FaceRegion> DEFAULTS =
      Collections.unmodifiableSet(EnumSet.of(SKIN, BROWS, EYES, NOSE, MOUTH, LIPS));

  /**
   * The regions facexlib's paste-back keeps (GFPGAN, CodeFormer and RestoreFormer++ through
   * {@code face_restoration_helper.py}: ParseNet classes 1-13 and 15): the face with glasses,
   * ears, earrings and hair; not the neck, necklace, hat or clothes. The default of those
   * families' parsing masks.
   */
  public static final Set<FaceRegion> FACEXLIB =
      Collections.unmodifiableSet(EnumSet.of(SKIN, BROWS, EYES, GLASSES, NOSE, MOUTH, LIPS, EARS, HAIR));

  private final List<String> classNames;

  FaceRegion(String... classNames) {
    this.classNames = List.of(classNames);
  }

  /**
   * Returns the CelebAMask-HQ class names this region covers.
   *
   * @return names such as {@code l_brow}
   */
  public List<String> classNames() {
    return classNames;
  }
}
