package io.gpen4j.idphoto;

import io.gpen4j.DetectedFace;
import io.gpen4j.FaceRestorer;
import io.gpen4j.Landmarks;
import io.gpen4j.Matte;
import io.gpen4j.PortraitMatter;
import io.gpen4j.Point;
import io.gpen4j.RestoreOptions;
import io.gpen4j.internal.image.AffineWarp;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.RgbaImage;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Makes ID photos: from a snapshot, a specification and a background colour to a photo of the
 * spec's exact pixels with a compliance report.
 *
 * <p>The chain, in {@link #make}: detect (exactly one face, large enough for the spec) -> restore
 * that face with the restorer's generator -> matte the restored photo -> find the landmarks again
 * on an upright view of the face (LandmarkRefinement) -> plan the crop (level the
 * eyes, find the crown in the matte and the chin from the landmarks, scale and place the head as
 * the spec says; CropPlanner) -> warp the photo and the matte into the spec's pixels in one
 * step -> replace the background, with the foreground colour estimated at the hair's edge so no
 * fringe of the old background remains -> measure the result again (face detected on the finished
 * photo) for the report. Writing, with the spec's dpi and an optional file-size limit, is
 * {@link IdPhotoWriter}'s job; print sheets are {@link PrintSheet}'s.
 *
 * <p>Head at the top edge: a head whose hair touches the input's top edge is refused (the crown,
 * and so the head height, is unknown). When the head is whole but the photo has too little room
 * above it, the missing room is filled with the background colour; room missing at the sides or
 * below is filled the same way and fails the report's {@code frame} rule.
 *
 * <p>Thread-safe when the restorer and the matting model are (gpen4j's are). The maker owns
 * nothing: whoever built the restorer and the matting model closes them.
 */
public final class IdPhotoMaker {
  /** Head height (chin to crown) per detector box height: the detectors' boxes end near the hairline. */
  static final double HEAD_PER_FACE_BOX = 1.4;
  /** The largest tilt of the eye line the report accepts after levelling. */
  static final double MAX_TILT_DEGREES = 1.0;
  /** The largest background deviation the report accepts. */
  static final double MAX_BACKGROUND_DEVIATION = 2.0;

  private final FaceRestorer restorer;
  private final MatteSource matting;
  private final boolean restore;
  private final RestoreOptions restoreOptions;
  private final double maxEnlargement;

  private IdPhotoMaker(Builder b) {
    this.restorer = b.restorer;
    this.matting = b.matting;
    this.restore = b.restore;
    this.restoreOptions = b.restoreOptions;
    this.maxEnlargement = b.maxEnlargement;
  }

  /**
   * Starts a maker on a restorer, whose detector finds the face and whose generator restores it.
   *
   * @param restorer the restorer; the caller keeps it and closes it
   * @return a builder
   */
  public static Builder builder(FaceRestorer restorer) {
    return new Builder(restorer);
  }

  /**
   * Makes an ID photo.
   *
   * @param photo the snapshot; not modified
   * @param spec the specification
   * @param background the new background
   * @return the photo and its report
   * @throws IdPhotoException if the photo has no face, more than one, a face too small for the spec
   *     (the message gives the minimum), or a head cut by the top edge
   * @throws io.gpen4j.GpenException if detection, restoration or matting fails
   */
  public IdPhoto make(BufferedImage photo, IdPhotoSpec spec, BackgroundColor background) {
    Objects.requireNonNull(photo, "photo");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(background, "background");
    DetectedFace face = theOneFace(photo, spec);
    BufferedImage restored = restore ? restorer.restore(photo, List.of(face), restoreOptions).image() : photo;
    Matte matte = matting.matte(restored);
    if (matte.width() != restored.getWidth() || matte.height() != restored.getHeight()) {
      throw new IdPhotoException("the matting model returned a " + matte.width() + "x" + matte.height()
          + " matte for a " + restored.getWidth() + "x" + restored.getHeight() + " photo");
    }
    DetectedFace refined = LandmarkRefinement.refine(restorer, RgbaImage.fromBufferedImage(restored), face);
    CropPlan plan = CropPlanner.plan(spec, refined, matte);
    if (plan.scale() > maxEnlargement) {
      throw new IdPhotoException(String.format(Locale.ROOT, "the head is %.0f px high in the photo; %s needs at "
          + "least %.0f px (a %.0f px head in the ID photo, enlarged at most %.1fx: maxEnlargement)",
          plan.headHeightInputPx(), spec.name(), Math.ceil(targetHeadPx(spec) / maxEnlargement), targetHeadPx(spec),
          maxEnlargement));
    }
    int w = spec.widthPx();
    int h = spec.heightPx();
    FloatImage pixels = AffineWarp.warpWithBorder(RgbaImage.fromBufferedImage(restored), plan.toOutput(), w, h,
        background.rgb());
    float[] alpha = MatteWarp.warp(matte, plan.toOutput(), w, h);
    BufferedImage out = RgbaImage.wrap(w, h, BackgroundReplacement.replace(pixels, alpha, background.rgb()), false)
        .view();
    ComplianceReport report = measure(out, alpha, spec, background, plan, refined);
    return new IdPhoto(out, spec, background, plan.toOutput(), report);
  }

  private DetectedFace theOneFace(BufferedImage photo, IdPhotoSpec spec) {
    List<DetectedFace> faces = restorer.detect(photo, RestoreOptions.DEFAULTS);
    if (faces.isEmpty()) {
      throw new IdPhotoException("no face found in the photo: an ID photo needs one face, seen from the front");
    }
    if (faces.size() > 1) {
      throw new IdPhotoException("found " + faces.size() + " faces in the photo: an ID photo needs exactly one person");
    }
    DetectedFace face = faces.get(0);
    double needed = Math.ceil(targetHeadPx(spec) / maxEnlargement / HEAD_PER_FACE_BOX);
    if (face.box().height() < needed) {
      throw new IdPhotoException(String.format(Locale.ROOT, "the face is %.0f px high; %s needs a face of at least "
          + "%.0f px (its head is %.0f px in the ID photo, enlarged at most %.1fx: maxEnlargement)",
          face.box().height(), spec.name(), needed, targetHeadPx(spec), maxEnlargement));
    }
    return face;
  }

  private static double targetHeadPx(IdPhotoSpec spec) {
    return spec.headHeightMm().middle() * spec.pixelsPerMm();
  }

  /** Measures the finished photo: the face detected again, the crown from the warped matte. */
  private ComplianceReport measure(BufferedImage out, float[] alpha, IdPhotoSpec spec, BackgroundColor background,
      CropPlan plan, DetectedFace inputFace) {
    int w = spec.widthPx();
    int h = spec.heightPx();
    double perMm = spec.pixelsPerMm();
    List<DetectedFace> again = restorer.detect(out, RestoreOptions.DEFAULTS);
    double eyeRow = plan.eyeRow();
    double chinRow = plan.chinRow();
    double tiltAfter = 0;
    double eyeX = (w - 1) / 2.0;
    double faceWidth = inputFace.box().width() * plan.scale();
    if (!again.isEmpty()) {
      Landmarks l = LandmarkRefinement.refine(restorer, RgbaImage.fromBufferedImage(out), again.get(0)).landmarks();
      Point eyes = CropPlanner.mid(l.leftEye(), l.rightEye());
      Point mouth = CropPlanner.mid(l.leftMouth(), l.rightMouth());
      tiltAfter = Math.toDegrees(Math.atan2(l.rightEye().y() - l.leftEye().y(), l.rightEye().x() - l.leftEye().x()));
      eyeRow = eyes.y();
      eyeX = eyes.x();
      chinRow = eyes.y() + CropPlanner.CHIN_FROM_EYES * (mouth.y() - eyes.y());
      faceWidth = again.get(0).box().width();
    }
    double crownRow = crownRow(alpha, w, h, eyeX, faceWidth, plan.crownRow());
    double head = (chinRow - crownRow) / perMm;
    double eyeLine = (h - 0.5 - eyeRow) / perMm;
    double top = (crownRow + 0.5) / perMm;
    double tolerance = 0.5 / perMm;
    double deviation = backgroundDeviation(out, background.rgb());
    List<RuleCheck> rules = new ArrayList<>();
    rules.add(new RuleCheck("size", spec.widthPx() + "x" + spec.heightPx() + " px", out.getWidth() + "x"
        + out.getHeight() + " px", out.getWidth() == spec.widthPx() && out.getHeight() == spec.heightPx()));
    rules.add(new RuleCheck("headHeight", spec.headHeightMm().toString(), mm(head),
        spec.headHeightMm().contains(head, tolerance)));
    spec.eyeLineMm().ifPresent(r -> rules.add(new RuleCheck("eyeLine", r + " above the bottom", mm(eyeLine),
        r.contains(eyeLine, tolerance))));
    spec.topMarginMm().ifPresent(r -> rules.add(new RuleCheck("topMargin", r + " above the crown", mm(top),
        r.contains(top, tolerance))));
    rules.add(new RuleCheck("eyesLevel", String.format(Locale.ROOT, "within %.1f°", MAX_TILT_DEGREES),
        again.isEmpty() ? "no face found again" : String.format(Locale.ROOT, "%.2f°", tiltAfter),
        !again.isEmpty() && Math.abs(tiltAfter) <= MAX_TILT_DEGREES));
    rules.add(new RuleCheck("backgroundUniform", String.format(Locale.ROOT, "deviation at most %.1f",
        MAX_BACKGROUND_DEVIATION), String.format(Locale.ROOT, "%.2f", deviation), deviation <= MAX_BACKGROUND_DEVIATION));
    rules.add(new RuleCheck("backgroundColour", spec.allowedBackgrounds().isEmpty() ? "any"
        : String.join(", ", spec.allowedBackgrounds().stream().map(c -> new BackgroundColor(c).toString()).toList()),
        background.toString(), spec.allows(background.rgb())));
    rules.add(new RuleCheck("frame", "the input covers the photo beside and below the head",
        plan.padded() ? "filled with the background" : "covered", !plan.padded()));
    return new ComplianceReport(spec.name(), out.getWidth(), out.getHeight(), spec.dpi(), head, eyeLine, top,
        plan.tiltDegrees(), tiltAfter, deviation, plan.scale(), background.rgb(), 0, rules);
  }

  /** The first row whose matte reaches {@link CropPlanner#PERSON} within a face width of the eyes. */
  private static double crownRow(float[] alpha, int w, int h, double eyeX, double faceWidth, double planned) {
    int x0 = Math.max(0, (int) Math.floor(eyeX - faceWidth));
    int x1 = Math.min(w - 1, (int) Math.ceil(eyeX + faceWidth));
    for (int y = 0; y < h; y++) {
      for (int x = x0; x <= x1; x++) {
        if (alpha[y * w + x] >= CropPlanner.PERSON) {
          return y;
        }
      }
    }
    return planned;
  }

  /** RMS distance from the background colour over the photo's top corners (an eighth of each side). */
  static double backgroundDeviation(BufferedImage image, int rgb) {
    int w = image.getWidth();
    int h = image.getHeight();
    int cw = Math.max(1, w / 8);
    int ch = Math.max(1, h / 8);
    double sum = 0;
    int n = 0;
    for (int y = 0; y < ch; y++) {
      for (int x = 0; x < cw; x++) {
        for (int px : new int[] {image.getRGB(x, y), image.getRGB(w - 1 - x, y)}) {
          for (int s = 0; s <= 16; s += 8) {
            double d = (px >> s & 0xFF) - (rgb >> s & 0xFF);
            sum += d * d;
            n++;
          }
        }
      }
    }
    return Math.sqrt(sum / n);
  }

  private static String mm(double v) {
    return String.format(Locale.ROOT, "%.1f mm", v);
  }

  /** Builds an {@link IdPhotoMaker}; reusable. */
  public static final class Builder {
    private final FaceRestorer restorer;
    private MatteSource matting;
    private boolean restore = true;
    private RestoreOptions restoreOptions = RestoreOptions.DEFAULTS;
    private double maxEnlargement = 2.0;

    private Builder(FaceRestorer restorer) {
      this.restorer = Objects.requireNonNull(restorer, "restorer");
    }

    /**
     * Sets the portrait matting model that separates the person from the background: a
     * {@link PortraitMatter} on MODNet, or on a face parser as the coarse fallback
     * ({@code MattingStage.fromParser}: face, hair and neck, without the shoulders' soft edges).
     *
     * @param matter the matter; the caller keeps it and closes it
     * @return this builder
     */
    public Builder matting(PortraitMatter matter) {
      Objects.requireNonNull(matter, "matting");
      return matting(matter::matte);
    }

    /** Sets where mattes come from: the seam for a matte the caller computed (tests: a known one). */
    Builder matting(MatteSource source) {
      this.matting = Objects.requireNonNull(source, "matting");
      return this;
    }

    /**
     * Sets whether the face is restored before cropping (default true).
     *
     * @param enabled false to crop the photo as it is
     * @return this builder
     */
    public Builder restore(boolean enabled) {
      this.restore = enabled;
      return this;
    }

    /**
     * Sets how the face is restored: fidelity, colour matching. Face selection is not used (the
     * maker restores the one face it found), and the scale must stay 1.
     *
     * @param options the options
     * @return this builder
     * @throws IllegalArgumentException if the options upscale
     */
    public Builder restoreOptions(RestoreOptions options) {
      Objects.requireNonNull(options, "restoreOptions");
      if (options.upscale() != 1) {
        throw new IllegalArgumentException("restoreOptions must not upscale (upscale " + options.upscale()
            + "): the ID photo is resampled to the spec's pixels anyway");
      }
      this.restoreOptions = options;
      return this;
    }

    /**
     * Sets how much a head may be enlarged to reach the spec's head height (default 2): a smaller
     * face is refused, with the minimum size in the message.
     *
     * @param factor at least 1
     * @return this builder
     * @throws IllegalArgumentException if the factor is below 1 or not finite
     */
    public Builder maxEnlargement(double factor) {
      if (!(factor >= 1) || !Double.isFinite(factor)) {
        throw new IllegalArgumentException("maxEnlargement must be at least 1: " + factor);
      }
      this.maxEnlargement = factor;
      return this;
    }

    /**
     * Builds the maker.
     *
     * @return the maker
     * @throws IllegalStateException if no matting model was given
     */
    public IdPhotoMaker build() {
      if (matting == null) {
        throw new IllegalStateException("an IdPhotoMaker needs a matting model: set matting");
      }
      return new IdPhotoMaker(this);
    }
  }
}
