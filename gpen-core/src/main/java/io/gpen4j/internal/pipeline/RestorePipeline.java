package io.gpen4j.internal.pipeline;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.DetectedFace;
import io.gpen4j.FaceDetector;
import io.gpen4j.Landmarks;
import io.gpen4j.RestorationException;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreProgress;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.StageTimings;
import io.gpen4j.Ticker;
import io.gpen4j.internal.image.AffineWarp;
import io.gpen4j.internal.image.ColorMatch;
import io.gpen4j.internal.image.FacePatch;
import io.gpen4j.internal.image.FeatherMask;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.ImageResize;
import io.gpen4j.internal.image.PasteBack;
import io.gpen4j.internal.image.PasteResult;
import io.gpen4j.internal.image.RgbaImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole restoration of one decoded image, in one method so the order of the stages is visible
 * in one place: detect, select, then per face align, enhance and colour-match, then paste every
 * face back at once (so overlapping faces blend by weight).
 *
 * <p>Thread-safety: immutable after construction; every call keeps its state on its own stack,
 * so one pipeline serves concurrent callers when its detector and enhancer are thread-safe.
 *
 * <p>Contracts: the runner checks what each stage returns and names the stage that broke it. A
 * detection outside the image is dropped with a warning; a generator output with NaN or infinity
 * keeps the original face and is reported in {@link RestoredFace#enhanced()}.
 *
 * <p>Limits and cancellation: at most {@code maxFacesPerImage} faces (the largest) are restored,
 * decided from the detector's list before any crop is allocated. The calling thread's interrupt
 * status is checked before detection, between faces and before pasting; an interrupted call throws
 * {@link RestorationException} (the status stays set) and returns no image, so a file-writing
 * caller writes nothing. One generator run is not interruptible: cancelling waits for the face in
 * flight.
 */
public final class RestorePipeline {
  private static final Logger LOG = LoggerFactory.getLogger(RestorePipeline.class);

  private final FaceDetector detector;
  private final GpenEnhancer enhancer;
  private final AlignmentTemplate template;
  private final int detectionThreshold;
  private final int detectionSize;
  private final int maxFacesPerImage;
  private final Ticker ticker;
  private final Landmarks templatePoints;
  private final FloatImage mask;

  /**
   * Creates a pipeline with the default face cap,
   * {@link io.gpen4j.FaceRestorer.Builder#DEFAULT_MAX_FACES_PER_IMAGE}.
   *
   * @param detector the detect stage
   * @param enhancer the enhance stage
   * @param template where the landmarks go in the crop
   * @param detectionThreshold frames whose long side exceeds this are detected on a shrunk copy
   * @param detectionSize the long side of that copy
   * @param ticker the clock for stage timings
   */
  public RestorePipeline(
      FaceDetector detector,
      GpenEnhancer enhancer,
      AlignmentTemplate template,
      int detectionThreshold,
      int detectionSize,
      Ticker ticker) {
    this(detector, enhancer, template, detectionThreshold, detectionSize,
        io.gpen4j.FaceRestorer.Builder.DEFAULT_MAX_FACES_PER_IMAGE, ticker);
  }

  /**
   * Creates a pipeline.
   *
   * @param detector the detect stage
   * @param enhancer the enhance stage
   * @param template where the landmarks go in the crop
   * @param detectionThreshold frames whose long side exceeds this are detected on a shrunk copy
   * @param detectionSize the long side of that copy
   * @param maxFacesPerImage the most faces restored in one image, the largest first
   * @param ticker the clock for stage timings
   * @throws IllegalArgumentException if {@code maxFacesPerImage} is not positive
   */
  public RestorePipeline(
      FaceDetector detector,
      GpenEnhancer enhancer,
      AlignmentTemplate template,
      int detectionThreshold,
      int detectionSize,
      int maxFacesPerImage,
      Ticker ticker) {
    if (maxFacesPerImage <= 0) {
      throw new IllegalArgumentException("maxFacesPerImage must be positive: " + maxFacesPerImage);
    }
    this.detector = Objects.requireNonNull(detector, "detector");
    this.enhancer = Objects.requireNonNull(enhancer, "enhancer");
    this.template = Objects.requireNonNull(template, "template");
    this.detectionThreshold = detectionThreshold;
    this.detectionSize = detectionSize;
    this.maxFacesPerImage = maxFacesPerImage;
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.templatePoints = template.landmarks(enhancer.size());
    this.mask = FeatherMask.create(enhancer.size());
  }

  /** Returns the generator's crop size. @return S */
  public int modelSize() {
    return enhancer.size();
  }

  /** Returns the alignment template. @return the template */
  public AlignmentTemplate template() {
    return template;
  }

  /**
   * Restores one image.
   *
   * @param frame the decoded image; not modified
   * @param options the per-call options
   * @param decodeTime how long decoding took, reported in the result
   * @return the restored image and the faces
   * @throws RestorationException if a stage fails, or the thread is interrupted between faces
   */
  public RestoreResult restore(RgbaImage frame, RestoreOptions options, Duration decodeTime) {
    long t0 = ticker.read();
    List<DetectedFace> faces = findFaces(frame, options);
    Duration detectTime = since(t0);
    return restoreFaces(frame, faces, options, decodeTime, detectTime);
  }

  /**
   * The detect and select stages: faces found in the frame, filtered and ordered by the options,
   * capped at {@code maxFacesPerImage}.
   *
   * @param frame the decoded image; not modified
   * @param options the per-call options
   * @return the selected faces, largest first
   * @throws RestorationException if detection fails or the thread is interrupted
   */
  public List<DetectedFace> findFaces(RgbaImage frame, RestoreOptions options) {
    checkInterrupt("before detection");
    List<DetectedFace> faces = FaceSelector.select(detect(frame), options);
    if (faces.size() > maxFacesPerImage) {
      LOG.warn("{} faces selected, over the cap of {} per image (maxFacesPerImage); restoring the {} largest "
          + "and leaving the others unchanged", faces.size(), maxFacesPerImage, maxFacesPerImage);
      faces = faces.subList(0, maxFacesPerImage);
    }
    return faces;
  }

  /**
   * The align, enhance, colour-match and paste stages for faces already found.
   *
   * @param frame the decoded image; not modified
   * @param faces the faces to restore, in the frame's coordinates
   * @param options the per-call options (the face-selection options are not applied again)
   * @param decodeTime how long decoding took, reported in the result
   * @param detectTime how long detection took, reported in the result
   * @return the restored image and the faces
   * @throws RestorationException if a stage fails, or the thread is interrupted between faces
   */
  public RestoreResult restoreFaces(
      RgbaImage frame, List<DetectedFace> faces, RestoreOptions options, Duration decodeTime, Duration detectTime) {
    if (faces.size() > maxFacesPerImage) {
      throw new RestorationException(faces.size() + " faces given, over the cap of " + maxFacesPerImage
          + " per image (maxFacesPerImage)");
    }
    options.progressListener().onProgress(new RestoreProgress(0, faces.size()));

    int size = enhancer.size();
    int upscale = options.upscale();
    SimilarityTransform outputToInput = SimilarityTransform.scaling(1.0 / upscale);
    List<FacePatch> patches = new ArrayList<>(faces.size());
    List<RestoredFace> restored = new ArrayList<>(faces.size());
    List<Duration[]> faceTimes = new ArrayList<>(faces.size());
    for (int i = 0; i < faces.size(); i++) {
      checkInterrupt("after " + i + " of " + faces.size() + " faces");
      DetectedFace face = faces.get(i);
      long ta = ticker.read();
      SimilarityTransform toCrop = SimilarityTransform.estimate(face.landmarks().points(), templatePoints.points());
      FloatImage crop = AffineWarp.warp(frame, toCrop, size);
      Duration align = since(ta);

      long te = ticker.read();
      FloatImage out = enhancer.enhance(crop);
      boolean usable = out != null;
      if (!usable) {
        LOG.warn("stage 'enhance' returned NaN or infinite values for face {} at {}; keeping the original face",
            i, face.box());
      } else {
        if (options.colorMatching()) {
          out = ColorMatch.apply(out, crop);
        }
        patches.add(new FacePatch(out, mask, toCrop.compose(outputToInput)));
      }
      Duration enhance = since(te);
      faceTimes.add(new Duration[] {align, enhance});
      restored.add(new RestoredFace(face, toCrop, StageTimings.ZERO, usable));
      options.progressListener().onProgress(new RestoreProgress(i + 1, faces.size()));
    }

    checkInterrupt("before pasting " + patches.size() + " faces");
    long tp = ticker.read();
    RgbaImage canvas = upscale == 1
        ? frame
        : ImageResize.resize(frame, frame.width() * upscale, frame.height() * upscale);
    RgbaImage output;
    List<Duration> pasteTimes;
    if (patches.isEmpty()) {
      output = canvas == frame ? frame.copy() : canvas;
      pasteTimes = List.of();
    } else {
      PasteResult pasted = PasteBack.paste(canvas, patches, options.fidelity(), ticker);
      output = pasted.image();
      pasteTimes = pasted.perPatch();
    }
    Duration pasteTime = since(tp);

    List<RestoredFace> result = new ArrayList<>(restored.size());
    Duration alignTotal = Duration.ZERO;
    Duration enhanceTotal = Duration.ZERO;
    int patchIndex = 0;
    for (int i = 0; i < restored.size(); i++) {
      RestoredFace f = restored.get(i);
      Duration[] t = faceTimes.get(i);
      Duration paste = f.enhanced() && patchIndex < pasteTimes.size() ? pasteTimes.get(patchIndex++) : Duration.ZERO;
      alignTotal = alignTotal.plus(t[0]);
      enhanceTotal = enhanceTotal.plus(t[1]);
      result.add(new RestoredFace(f.detection(), f.alignment(),
          new StageTimings(Duration.ZERO, Duration.ZERO, t[0], t[1], paste), f.enhanced()));
    }
    StageTimings timings = new StageTimings(decodeTime, detectTime, alignTotal, enhanceTotal, pasteTime);
    return new RestoreResult(output.view(), result, timings);
  }

  /** The detect stage, on a shrunk view for large frames, with its output checked. */
  private List<DetectedFace> detect(RgbaImage frame) {
    DetectionView view = DetectionView.of(frame, detectionThreshold, detectionSize);
    List<DetectedFace> found = detector.detect(view.image().view());
    if (found == null) {
      throw new RestorationException("stage 'detect' returned null instead of a list of faces");
    }
    List<DetectedFace> faces = new ArrayList<>(found.size());
    for (DetectedFace f : found) {
      DetectedFace mapped = view.scale() == 1.0 ? f : f.scale(view.scale());
      if (mapped.box().maxX() <= 0 || mapped.box().maxY() <= 0
          || mapped.box().x() >= frame.width() || mapped.box().y() >= frame.height()) {
        LOG.warn("stage 'detect' returned a face outside the {}x{} image: {}; ignoring it",
            frame.width(), frame.height(), mapped.box());
        continue;
      }
      if (spread(mapped.landmarks()) < 1.0) {
        LOG.warn("stage 'detect' returned coincident landmarks {}; ignoring the face", mapped.landmarks());
        continue;
      }
      faces.add(mapped);
    }
    return faces;
  }

  /** Fails the call when its thread was interrupted; the interrupt status stays set for the caller. */
  private static void checkInterrupt(String where) {
    if (Thread.currentThread().isInterrupted()) {
      throw new RestorationException("restoration interrupted " + where);
    }
  }

  private static double spread(Landmarks l) {
    return Math.max(l.leftEye().distanceTo(l.rightEye()), l.nose().distanceTo(l.leftMouth()));
  }

  private Duration since(long start) {
    return Duration.ofNanos(Math.max(0, ticker.read() - start));
  }
}
