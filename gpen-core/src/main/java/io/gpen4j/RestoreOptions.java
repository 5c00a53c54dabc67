package io.gpen4j;

import io.gpen4j.models.GeneratorFamily;
import io.gpen4j.models.GeneratorProfile;
import io.gpen4j.models.ScalarInputMeaning;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Per-call settings of {@link FaceRestorer#restore}: which faces to restore, how strongly, and at
 * what output scale. Immutable and thread-safe; build one with {@link #builder()} and reuse it.
 */
public final class RestoreOptions {
  /**
   * The smallest face, in pixels, a {@link DetectionMode#TILED} search looks for when no
   * {@link Builder#minFaceSize(int)} is set: smaller faces have too little detail to restore.
   */
  public static final int DEFAULT_SMALLEST_FACE = 20;

  /**
   * The detector box's shorter side, in output pixels (input pixels times {@link #upscale()}), under
   * which {@link #smallFaceFilter()} blurs the restored face: 100, official GPEN's threshold, which
   * GPEN applies to boxes found on the input resized to the output when it upscales.
   */
  public static final int SMALL_FACE_SIZE = 100;

  /** The options {@code restore} uses when none are given. */
  public static final RestoreOptions DEFAULTS = builder().build();

  private final boolean onlyLargestFace;
  private final int maxFaces;
  private final int minFaceSize;
  private final double minScore;
  /** The fidelity set, or null for the generator's default. */
  private final Double fidelity;
  private final int upscale;
  private final boolean colorMatching;
  private final boolean smallFaceFilter;
  private final boolean smallFaceModelForAll;
  private final ProgressListener progressListener;
  private final DetectionMode detectionMode;
  private final int jpegBackground;
  private final FaceMask faceMask;
  /** The regions set, or null for the generator family's default. */
  private final Set<FaceRegion> faceRegions;
  private final BackgroundEnhancement backgroundEnhancement;

  private RestoreOptions(Builder builder) {
    this.onlyLargestFace = builder.onlyLargestFace;
    this.maxFaces = builder.maxFaces;
    this.minFaceSize = builder.minFaceSize;
    this.minScore = builder.minScore;
    this.fidelity = builder.fidelity;
    this.upscale = builder.upscale;
    this.colorMatching = builder.colorMatching;
    this.smallFaceFilter = builder.smallFaceFilter;
    this.smallFaceModelForAll = builder.smallFaceModelForAll;
    this.progressListener = builder.progressListener;
    this.detectionMode = builder.detectionMode;
    this.jpegBackground = builder.jpegBackground;
    this.faceMask = builder.faceMask;
    this.faceRegions = builder.faceRegions == null ? null : Collections.unmodifiableSet(EnumSet.copyOf(builder.faceRegions));
    this.backgroundEnhancement = builder.backgroundEnhancement;
  }

  /**
   * Returns a builder with the default values.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder that starts from these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.onlyLargestFace = onlyLargestFace;
    b.maxFaces = maxFaces;
    b.minFaceSize = minFaceSize;
    b.minScore = minScore;
    b.fidelity = fidelity;
    b.upscale = upscale;
    b.colorMatching = colorMatching;
    b.smallFaceFilter = smallFaceFilter;
    b.smallFaceModelForAll = smallFaceModelForAll;
    b.progressListener = progressListener;
    b.detectionMode = detectionMode;
    b.jpegBackground = jpegBackground;
    b.faceMask = faceMask;
    b.faceRegions = faceRegions == null ? null : EnumSet.copyOf(faceRegions);
    b.backgroundEnhancement = backgroundEnhancement;
    return b;
  }

  /** Returns whether only the largest face is restored. @return true for the largest face only */
  public boolean onlyLargestFace() {
    return onlyLargestFace;
  }

  /** Returns the most faces restored per image. @return the limit; 0 means no limit */
  public int maxFaces() {
    return maxFaces;
  }

  /** Returns the smallest face restored. @return the shorter box side in pixels */
  public int minFaceSize() {
    return minFaceSize;
  }

  /** Returns the lowest detection score accepted. @return a score in [0, 1] */
  public double minScore() {
    return minScore;
  }

  /**
   * Returns how much of the restored face replaces the original.
   *
   * @return the value set, else 1 (the default of every generator but CodeFormer, see
   *     {@link #fidelityFor(GeneratorProfile)})
   */
  public double fidelity() {
    return fidelity != null ? fidelity : 1.0;
  }

  /**
   * Returns the fidelity a generator gets: the value set, else its own default, the one its
   * official code uses: 0.5 for a generator that takes the fidelity as an input (CodeFormer's w:
   * its CLI and facefusion default to 0.5, see {@link ScalarInputMeaning#defaultValue()}), 1 (the
   * generator's face pasted whole) for the others.
   *
   * @param profile the generator's profile
   * @return a value in [0, 1]
   */
  public double fidelityFor(GeneratorProfile profile) {
    Objects.requireNonNull(profile, "profile");
    if (fidelity != null) {
      return fidelity;
    }
    return profile.scalarInputs().stream()
        .filter(in -> in.meaning() == ScalarInputMeaning.FIDELITY_WEIGHT)
        .mapToDouble(in -> in.meaning().defaultValue())
        .findFirst()
        .orElse(1.0);
  }

  /**
   * Returns whether the fidelity was set, rather than left to the generator's default.
   *
   * @return true after {@link Builder#fidelity(double)}
   */
  public boolean fidelitySet() {
    return fidelity != null;
  }

  /**
   * Returns whether the background model runs over the whole photo.
   *
   * @return {@link BackgroundEnhancement#AUTO} by default: on when the restorer has a background model
   */
  public BackgroundEnhancement backgroundEnhancement() {
    return backgroundEnhancement;
  }

  /** Returns the output scale factor. @return 1, 2 or 4 */
  public int upscale() {
    return upscale;
  }

  /** Returns whether colour matching is on. @return true if restored faces keep the original's colours */
  public boolean colorMatching() {
    return colorMatching;
  }

  /**
   * Returns whether small faces are blurred before pasting, as official GPEN does.
   *
   * @return true if a face whose box's shorter side is under {@value #SMALL_FACE_SIZE} px gets the
   *     3x3 binomial filter; false by default
   */
  public boolean smallFaceFilter() {
    return smallFaceFilter;
  }

  /**
   * Returns whether every face goes to the generator stage's small-face model, whatever its size.
   *
   * @return true to send every face to the small-face model (where there is one); false by default
   */
  public boolean smallFaceModelForAll() {
    return smallFaceModelForAll;
  }

  /** Returns the progress listener. @return the listener, {@link ProgressListener#NONE} by default */
  public ProgressListener progressListener() {
    return progressListener;
  }

  /**
   * Returns how thoroughly the built-in detector searches.
   *
   * @return {@link DetectionMode#TILED} by default
   */
  public DetectionMode detectionMode() {
    return detectionMode;
  }

  /**
   * Returns the colour that transparent areas are composited on when the output format has no
   * alpha (JPEG, BMP).
   *
   * @return {@code 0xRRGGBB}; white ({@code 0xFFFFFF}) by default
   */
  public int jpegBackground() {
    return jpegBackground;
  }

  /**
   * Returns the smallest face a {@link DetectionMode#TILED} search looks for: the
   * {@link #minFaceSize()} when one is set, else {@value #DEFAULT_SMALLEST_FACE} pixels.
   *
   * @return the face size in input-image pixels, at least 1
   */
  public int smallestFaceSearched() {
    return minFaceSize > 0 ? minFaceSize : DEFAULT_SMALLEST_FACE;
  }

  /**
   * Returns which mask pastes the restored faces.
   *
   * @return the mask choice; {@link FaceMask#AUTO} by default
   */
  public FaceMask faceMask() {
    return faceMask;
  }

  /**
   * Returns the regions a {@link FaceMask#PARSING} mask pastes.
   *
   * @return an unmodifiable, non-empty set: the regions set, else {@link FaceRegion#DEFAULTS} (the
   *     default for GPEN; see {@link #faceRegionsFor(GeneratorFamily)} for the other families)
   */
  public Set<FaceRegion> faceRegions() {
    return faceRegions != null ? faceRegions : FaceRegion.DEFAULTS;
  }

  /**
   * Returns the regions a parsing mask pastes for a generator family: the regions set, else the
   * family's default, the classes its official pipeline keeps ({@link FaceRegion#DEFAULTS} for
   * GPEN, {@link FaceRegion#FACEXLIB} for the families facexlib pastes: GFPGAN, CodeFormer and
   * RestoreFormer++).
   *
   * @param family the generator's family
   * @return an unmodifiable, non-empty set
   */
  public Set<FaceRegion> faceRegionsFor(GeneratorFamily family) {
    Objects.requireNonNull(family, "family");
    if (faceRegions != null) {
      return faceRegions;
    }
    return family == GeneratorFamily.GPEN ? FaceRegion.DEFAULTS : FaceRegion.FACEXLIB;
  }

  @Override
  public String toString() {
    return "RestoreOptions{onlyLargestFace=" + onlyLargestFace
        + ", maxFaces=" + maxFaces
        + ", minFaceSize=" + minFaceSize
        + ", minScore=" + minScore
        + ", fidelity=" + (fidelity != null ? fidelity : "model default")
        + ", upscale=" + upscale
        + ", colorMatching=" + colorMatching
        + ", smallFaceFilter=" + smallFaceFilter
        + ", smallFaceModelForAll=" + smallFaceModelForAll
        + ", detectionMode=" + detectionMode
        + ", backgroundEnhancement=" + backgroundEnhancement
        + ", jpegBackground=" + String.format(java.util.Locale.ROOT, "#%06X", jpegBackground)
        + ", faceMask=" + faceMask
        + ", faceRegions=" + (faceRegions != null ? faceRegions : "family default") + '}';
  }

  /** Builds {@link RestoreOptions}. Not thread-safe; {@link #build()} leaves it reusable. */
  public static final class Builder {
    private boolean onlyLargestFace = false;
    private int maxFaces = 0;
    private int minFaceSize = 0;
    private double minScore = 0;
    private Double fidelity;
    private int upscale = 1;
    private boolean colorMatching = true;
    private boolean smallFaceFilter = false;
    private boolean smallFaceModelForAll = false;
    private ProgressListener progressListener = ProgressListener.NONE;
    private DetectionMode detectionMode = DetectionMode.TILED;
    private int jpegBackground = 0xFFFFFF;
    private FaceMask faceMask = FaceMask.AUTO;
    private Set<FaceRegion> faceRegions;
    private BackgroundEnhancement backgroundEnhancement = BackgroundEnhancement.AUTO;

    private Builder() {}

    /**
     * Restores only the largest face (by box area) that passes the other filters.
     *
     * @return this builder
     */
    public Builder onlyLargestFace() {
      this.onlyLargestFace = true;
      return this;
    }

    /**
     * Restores at most this many faces, the largest first.
     *
     * @param maxFaces the limit, or 0 for no limit (the default)
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxFaces(int maxFaces) {
      requireArgument(maxFaces >= 0, "maxFaces must not be negative: %s", maxFaces);
      this.maxFaces = maxFaces;
      return this;
    }

    /**
     * Skips faces whose box is smaller than this on its shorter side. A {@link DetectionMode#TILED}
     * search also looks for faces down to this size (enlarging small images when it is under
     * about 20 px), so it is also the way to find smaller faces than the default
     * {@value RestoreOptions#DEFAULT_SMALLEST_FACE} px, and to search faster for larger ones.
     *
     * @param pixels the minimum size in input pixels; 0 (the default) keeps every face found
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder minFaceSize(int pixels) {
      requireArgument(pixels >= 0, "minFaceSize must not be negative: %s", pixels);
      this.minFaceSize = pixels;
      return this;
    }

    /**
     * Skips faces the detector is less sure of than this. The detector already drops faces below
     * its own floor ({@link DetectorStage#withScoreFloor(double)}); this filters further
     * per call.
     *
     * @param score a score in [0, 1]; 0 by default (keep what the detector reports)
     * @return this builder
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public Builder minScore(double score) {
      requireArgument(score >= 0 && score <= 1, "minScore must be in [0, 1]: %s", score);
      this.minScore = score;
      return this;
    }

    /**
     * Sets how much of the restored face replaces the original inside the face mask: 1 (the
     * default) pastes the generator's output, 0 leaves the image unchanged.
     * For a generator that takes the fidelity as an input (CodeFormer, see
     * {@link io.gpen4j.models.ScalarInputMeaning#FIDELITY_WEIGHT}) the value is fed to the model as
     * its w instead (0 restores most, 1 stays closest to the input) and the output is pasted whole;
     * left unset, CodeFormer gets 0.5, its official default ({@link #fidelityFor(GeneratorProfile)}).
     *
     * @param fidelity a value in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public Builder fidelity(double fidelity) {
      requireArgument(fidelity >= 0 && fidelity <= 1, "fidelity must be in [0, 1]: %s", fidelity);
      this.fidelity = fidelity;
      return this;
    }

    /**
     * Sets the output scale: the background is resized by this factor (or enhanced, see
     * {@link #backgroundEnhancement(BackgroundEnhancement)}) and faces are pasted at the higher
     * resolution, so they gain the generator's detail.
     *
     * @param factor 1 (the default), 2 or 4
     * @return this builder
     * @throws IllegalArgumentException if not 1, 2 or 4
     */
    public Builder upscale(int factor) {
      requireArgument(factor == 1 || factor == 2 || factor == 4, "upscale must be 1, 2 or 4: %s", factor);
      this.upscale = factor;
      return this;
    }

    /**
     * Sets whether the restorer's background model
     * ({@link BackgroundStage}) enhances the whole photo
     * before the faces are pasted: {@link BackgroundEnhancement#AUTO} (the default) runs it when the
     * restorer has one; {@link BackgroundEnhancement#ON} requires it (a restorer without one rejects
     * the call); {@link BackgroundEnhancement#OFF} only resizes the background.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder backgroundEnhancement(BackgroundEnhancement mode) {
      this.backgroundEnhancement = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Turns colour matching on or off. When on (the default), the restored face's low-frequency
     * colour is matched to the original's, so the generator's colour shifts do not show.
     *
     * @param enabled whether to match colours
     * @return this builder
     */
    public Builder colorMatching(boolean enabled) {
      this.colorMatching = enabled;
      return this;
    }

    /**
     * Turns official GPEN's small-face filter on or off: when on, the restored face of a detection
     * whose box's shorter side is under {@value RestoreOptions#SMALL_FACE_SIZE} output pixels (input
     * pixels times {@link #upscale(int)}, as GPEN measures it when it upscales) is
     * blurred with the 3x3 binomial kernel {@code [[1,2,1],[2,4,2],[1,2,1]]/16} before it is pasted.
     * Off by default: GPEN reads a shrunk crop with one tap per frame pixel and needs the blur to
     * damp the aliasing, which gpen4j's paste now averages away (the README's "Finding every face" gives
     * the measurements). Turn it on to match official GPEN's output.
     *
     * @param enabled whether to filter small faces
     * @return this builder
     */
    public Builder smallFaceFilter(boolean enabled) {
      this.smallFaceFilter = enabled;
      return this;
    }

    /**
     * Sends every face to the generator stage's small-face model
     * ({@link GeneratorStage#withSmallFaceModel}), not only the faces pasted below its threshold: the
     * cheaper generator for every face, as a live stream does when a frame does not fit its time
     * budget. Each face is still aligned to the same face region (the small model's crop is its own
     * size on the same template), so only which generator runs changes. Has no effect when the
     * generator stage has no small-face model. Off by default.
     *
     * @param enabled whether every face goes to the small-face model
     * @return this builder
     */
    public Builder smallFaceModelForAll(boolean enabled) {
      this.smallFaceModelForAll = enabled;
      return this;
    }

    /**
     * Sets the listener told of progress after detection and after each face.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder progressListener(ProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets how thoroughly the built-in detector searches: {@link DetectionMode#TILED} (the
     * default) finds faces down to {@link RestoreOptions#smallestFaceSearched()} in images of any
     * size; {@link DetectionMode#SINGLE_PASS} runs the detector once on the shrunk image.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder detectionMode(DetectionMode mode) {
      this.detectionMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Sets the colour that transparent areas are composited on when the output format has no
     * alpha (JPEG, BMP); without it, dropping alpha would show whatever colours the transparent
     * pixels happen to hold. PNG keeps alpha and ignores this.
     *
     * @param rgb {@code 0xRRGGBB}; white by default
     * @return this builder
     * @throws IllegalArgumentException if not between {@code 0x000000} and {@code 0xFFFFFF}
     */
    public Builder jpegBackground(int rgb) {
      requireArgument(rgb >= 0 && rgb <= 0xFFFFFF, "jpegBackground must be an RGB colour 0x000000..0xFFFFFF: %s",
          Integer.toHexString(rgb));
      this.jpegBackground = rgb;
      return this;
    }

    /**
     * Sets which mask pastes the restored faces: {@link FaceMask#AUTO} (the default) uses the
     * restorer's face-parsing model when it has one ({@link ParserStage}) and
     * the square mask otherwise; {@link FaceMask#PARSING} requires the model (a restore without
     * one fails with {@link IllegalArgumentException}); {@link FaceMask#SQUARE} never parses.
     *
     * @param mask the mask choice
     * @return this builder
     */
    public Builder faceMask(FaceMask mask) {
      this.faceMask = Objects.requireNonNull(mask, "mask");
      return this;
    }

    /**
     * Sets the regions a parsing mask pastes; every other pixel, including whatever covers the
     * face, keeps its original value. By default the generator family's own set
     * ({@link #faceRegionsFor(GeneratorFamily)}): for GPEN {@link FaceRegion#DEFAULTS} (skin,
     * brows, eyes, nose, mouth, lips; add {@link FaceRegion#HAIR} to paste the restored hair too),
     * for GFPGAN, CodeFormer and RestoreFormer++ facexlib's {@link FaceRegion#FACEXLIB}. Ignored by
     * the square mask.
     *
     * @param regions one region or more
     * @return this builder
     * @throws IllegalArgumentException if {@code regions} is empty
     */
    public Builder faceRegions(Set<FaceRegion> regions) {
      Objects.requireNonNull(regions, "regions");
      requireArgument(!regions.isEmpty(), "faceRegions must name at least one region: %s", regions);
      this.faceRegions = EnumSet.copyOf(regions);
      return this;
    }

    /**
     * Builds the options.
     *
     * @return immutable options
     */
    public RestoreOptions build() {
      return new RestoreOptions(this);
    }

    private static void requireArgument(boolean ok, String template, Object value) {
      if (!ok) {
        throw new IllegalArgumentException(String.format(template, value));
      }
    }
  }
}
