package io.gpen4j.internal.pipeline;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.DetectedFace;
import io.gpen4j.ImageTooLargeException;
import io.gpen4j.Landmarks;
import io.gpen4j.RestorationException;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreProgress;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.StageTimings;
import io.gpen4j.Ticker;
import io.gpen4j.internal.detect.FrameDetector;
import io.gpen4j.internal.image.BinomialFilter;
import io.gpen4j.internal.image.ColorMatch;
import io.gpen4j.internal.image.FacePatch;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.ImageResize;
import io.gpen4j.internal.image.PasteBack;
import io.gpen4j.internal.image.PasteResult;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.io.ImageDecoder;
import io.gpen4j.models.GeneratorProfile;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole restoration, from the input's bytes to the output's bytes, in one method
 * ({@link #run}) so the order of the stages is visible in one place: decode, detect (or take the
 * faces given), select, then per batch of faces align, enhance (one generator call per batch, see
 * {@link FaceBatcher}) and colour-match, then paste every face back at once (so overlapping faces
 * blend by weight, through a face-parsing mask when the call asks for one) on the background at
 * the output scale (enhanced by the {@link BackgroundEnhancer} when the call runs it, else
 * resized), then encode. Data flows one way, in the
 * library's own {@link RgbaImage} from decode to encode; no stage modifies its caller's input (the
 * paste stage writes into the pipeline's own frame or canvas, never into an image a caller holds).
 *
 * <p>A video frame loop calls the same {@link #run} with the faces its tracker carried over from
 * the previous frame ({@code faces} not null), and {@link #findFaces} on the frames where it
 * detects: there is one pipeline, never a copy.
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
 * status is checked before detection, between batches of faces, before pasting and before encoding; an
 * interrupted call throws {@link RestorationException} (the status stays set) and encodes
 * nothing, so a file-writing caller writes nothing. One generator run is not interruptible:
 * cancelling waits for the batch in flight. Progress is reported after each batch.
 */
public final class RestorePipeline {
  private static final Logger LOG = LoggerFactory.getLogger(RestorePipeline.class);

  private final FrameDetector detector;
  /** The large generator's enhancer: the family, profile and fidelity handling every route shares. */
  private final FaceEnhancer enhancer;
  private final GeneratorRoutes routes;
  private final AlignmentTemplate template;
  private final int maxFacesPerImage;
  private final ImageDecoder decoder;
  private final Ticker ticker;
  /** The large route's masks, for the checks that do not depend on the crop size. */
  private final PasteMasks masks;
  private final BackgroundEnhancer background;

  /**
   * Creates a pipeline that enhances one face per generator call, pastes with the square mask and
   * has no background model.
   *
   * @param detector the detect stage
   * @param enhancer the enhance stage
   * @param template where the landmarks go in the crop
   * @param maxFacesPerImage the most faces restored in one image, the largest first
   * @param maxImagePixels the largest input decoded, in pixels
   * @param ticker the clock for stage timings
   * @throws IllegalArgumentException if {@code maxFacesPerImage} or {@code maxImagePixels} is not
   *     positive
   */
  public RestorePipeline(
      FrameDetector detector,
      FaceEnhancer enhancer,
      AlignmentTemplate template,
      int maxFacesPerImage,
      long maxImagePixels,
      Ticker ticker) {
    this(detector, FaceBatcher.single(enhancer), template, maxFacesPerImage, maxImagePixels, ticker, null, null);
  }

  /**
   * Creates a pipeline whose enhance stage runs faces in batches, that pastes faces through a
   * face-parsing mask when the call's options ask for it ({@link io.gpen4j.FaceMask}), and that
   * enhances the background when the call's options ask for it ({@link io.gpen4j.BackgroundEnhancement}).
   *
   * @param detector the detect stage
   * @param batcher the enhance stage and its batch size
   * @param template where the landmarks go in the crop
   * @param maxFacesPerImage the most faces restored in one image, the largest first
   * @param maxImagePixels the largest input decoded, in pixels
   * @param ticker the clock for stage timings
   * @param parser the face parser, or null to paste every face with the square mask
   * @param background the background stage, or null to only resize the background
   * @throws IllegalArgumentException if {@code maxFacesPerImage} or {@code maxImagePixels} is not
   *     positive
   */
  public RestorePipeline(
      FrameDetector detector,
      FaceBatcher batcher,
      AlignmentTemplate template,
      int maxFacesPerImage,
      long maxImagePixels,
      Ticker ticker,
      FaceParser parser,
      BackgroundEnhancer background) {
    this(detector, GeneratorRoutes.single(new GeneratorRoute(Objects.requireNonNull(batcher, "batcher"),
        Objects.requireNonNull(template, "template"), parser)), template, maxFacesPerImage, maxImagePixels, ticker,
        background);
  }

  /**
   * Creates a pipeline that sends each face to one of its generator routes (a small model for
   * small faces, see {@link GeneratorRoutes}), each route's faces in batches.
   *
   * @param detector the detect stage
   * @param routes the generators and which faces go to each
   * @param template where the landmarks go in the crop, at any crop size
   * @param maxFacesPerImage the most faces restored in one image, the largest first
   * @param maxImagePixels the largest input decoded, in pixels
   * @param ticker the clock for stage timings
   * @param background the background stage, or null to only resize the background
   * @throws IllegalArgumentException if {@code maxFacesPerImage} or {@code maxImagePixels} is not
   *     positive
   */
  public RestorePipeline(
      FrameDetector detector,
      GeneratorRoutes routes,
      AlignmentTemplate template,
      int maxFacesPerImage,
      long maxImagePixels,
      Ticker ticker,
      BackgroundEnhancer background) {
    if (maxFacesPerImage <= 0) {
      throw new IllegalArgumentException("maxFacesPerImage must be positive: " + maxFacesPerImage);
    }
    this.detector = Objects.requireNonNull(detector, "detector");
    this.routes = Objects.requireNonNull(routes, "routes");
    this.enhancer = routes.large().enhancer();
    this.template = Objects.requireNonNull(template, "template");
    this.maxFacesPerImage = maxFacesPerImage;
    this.decoder = new ImageDecoder(maxImagePixels);
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.masks = routes.large().masks();
    this.background = background;
  }

  /** Returns the generators and which faces go to each. @return the routes */
  public GeneratorRoutes routes() {
    return routes;
  }

  /** Returns the background stage. @return the stage, or null when there is no background model */
  public BackgroundEnhancer background() {
    return background;
  }

  /**
   * Returns whether a call with these options runs the background model.
   *
   * @param options the per-call options
   * @return true when asked for (or left to the default) and a background model is configured
   * @throws IllegalArgumentException if the options require it and there is no background model
   */
  public boolean enhancesBackground(RestoreOptions options) {
    return switch (options.backgroundEnhancement()) {
      case OFF -> false;
      case AUTO -> background != null;
      case ON -> {
        if (background == null) {
          throw new IllegalArgumentException("the options ask for background enhancement "
              + "(BackgroundEnhancement.ON), but this restorer has no background model: set one with "
              + "FaceRestorer.Builder.background(BackgroundStage)");
        }
        yield true;
      }
    };
  }

  /**
   * Adapts a caller's {@link io.gpen4j.FaceDetector} as the detect stage: it is shown a copy
   * shrunk to a long side of {@code size} when the frame's long side exceeds {@code threshold}.
   *
   * @param detector the caller's detector
   * @param threshold the long side above which frames are shrunk
   * @param size the long side of the shrunk copy
   * @return the detect stage
   */
  public static FrameDetector callerDetector(io.gpen4j.FaceDetector detector, int threshold, int size) {
    return new CallerDetector(detector, threshold, size);
  }

  /** Returns the generator's crop size. @return S */
  public int modelSize() {
    return enhancer.size();
  }

  /** Returns the most faces per call of the (large) generator. @return the batch size */
  public int batchSize() {
    return routes.large().batcher().batchSize();
  }

  /** Returns the alignment template. @return the template */
  public AlignmentTemplate template() {
    return template;
  }

  /** Returns whether faces can be pasted through a face-parsing mask. @return true with a face parser */
  public boolean hasFaceParser() {
    return masks.hasParser();
  }

  /** Returns what the generator was opened as. @return the enhancer's profile */
  public GeneratorProfile generatorProfile() {
    return enhancer.profile();
  }

  /**
   * Restores one image, from its source to its sink.
   *
   * @param source the input
   * @param faces the faces to restore, in the input's coordinates, as given (no selection); or
   *     null to detect and select them
   * @param options the per-call options
   * @param sink the output; {@link ImageSink#NONE} to only return the image
   * @return the restored image and the faces
   * @throws io.gpen4j.ImageDecodeException if the input cannot be decoded
   * @throws ImageTooLargeException if the input is over the pixel limit, or its upscaled output
   *     could not be held as one image
   * @throws RestorationException if a stage fails, or the thread is interrupted between stages
   * @throws IllegalArgumentException if the options ask for a parsing mask and there is no parser
   * @throws IOException if the sink cannot write
   */
  public RestoreResult run(ImageSource source, List<DetectedFace> faces, RestoreOptions options, ImageSink sink)
      throws IOException {
    masks.check(options);
    enhancesBackground(options);
    long t0 = ticker.read();
    RgbaImage frame = decode(source, options);
    Duration decodeTime = since(t0);

    long t1 = ticker.read();
    List<DetectedFace> chosen = faces == null ? findFaces(frame, options) : checkGiven(faces);
    Duration detectTime = since(t1);
    options.progressListener().onProgress(new RestoreProgress(0, chosen.size()));

    List<EnhancedFace> enhanced = enhanceInBatches(Collections.nCopies(chosen.size(), frame), chosen, options);

    checkInterrupt("before pasting " + enhanced.size() + " faces");
    long tp = ticker.read();
    Pasted pasted = paste(frame, source.yieldsOwnedImage(), enhanced, options);
    Duration pasteTime = since(tp);

    checkInterrupt("before encoding");
    sink.encode(pasted.image());
    return result(pasted, enhanced, new StageTimings(decodeTime, detectTime, Duration.ZERO, Duration.ZERO, pasteTime));
  }

  /**
   * Restores several frames with the faces given for each, the faces of all the frames sent to the
   * generator together in batches: how a video frame loop fills a batch when each frame holds
   * fewer faces than a batch takes. Each frame's result is what {@link #run} returns for it with
   * its faces given and no sink (decode and detect times zero). Progress counts the faces of all
   * the frames; interrupts are checked between batches and before each paste.
   *
   * @param sources the frames
   * @param faces the faces to restore in each frame, as given (no selection), one list per frame
   * @param options the per-call options
   * @return one result per frame, in order
   * @throws IllegalArgumentException if there are not as many face lists as frames
   * @throws ImageTooLargeException if a frame is over the pixel limit, or its upscaled output
   *     could not be held as one image
   * @throws RestorationException if a stage fails, or the thread is interrupted between stages
   * @throws IllegalArgumentException also if the options ask for a parsing mask and there is no parser
   */
  public List<RestoreResult> runFrames(List<ImageSource> sources, List<List<DetectedFace>> faces,
      RestoreOptions options) {
    if (sources.size() != faces.size()) {
      throw new IllegalArgumentException(sources.size() + " frames but " + faces.size() + " face lists");
    }
    masks.check(options);
    enhancesBackground(options);
    List<RgbaImage> frames = new ArrayList<>(sources.size());
    List<RgbaImage> frameOfFace = new ArrayList<>();
    List<DetectedFace> allFaces = new ArrayList<>();
    for (int f = 0; f < sources.size(); f++) {
      RgbaImage frame = decode(sources.get(f), options);
      frames.add(frame);
      for (DetectedFace face : checkGiven(faces.get(f))) {
        frameOfFace.add(frame);
        allFaces.add(face);
      }
    }
    options.progressListener().onProgress(new RestoreProgress(0, allFaces.size()));
    List<EnhancedFace> enhanced = enhanceInBatches(frameOfFace, allFaces, options);

    List<RestoreResult> results = new ArrayList<>(frames.size());
    int next = 0;
    for (int f = 0; f < frames.size(); f++) {
      List<EnhancedFace> ofFrame = enhanced.subList(next, next + faces.get(f).size());
      next += ofFrame.size();
      checkInterrupt("before pasting frame " + f + " of " + frames.size());
      long tp = ticker.read();
      Pasted pasted = paste(frames.get(f), false, ofFrame, options);
      Duration pasteTime = since(tp);
      results.add(result(pasted, ofFrame, new StageTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
          pasteTime)));
    }
    return results;
  }

  /**
   * The detect and select stages: faces found in the frame, checked, filtered and ordered by the
   * options, capped at {@code maxFacesPerImage}.
   *
   * @param frame the decoded image; not modified
   * @param options the per-call options
   * @return the selected faces, largest first
   * @throws RestorationException if detection fails or the thread is interrupted
   */
  public List<DetectedFace> findFaces(RgbaImage frame, RestoreOptions options) {
    checkInterrupt("before detection");
    List<DetectedFace> faces = FaceSelector.select(detect(frame, options), options);
    if (faces.size() > maxFacesPerImage) {
      LOG.warn("{} faces selected, over the cap of {} per image (maxFacesPerImage); restoring the {} largest "
          + "and leaving the others unchanged", faces.size(), maxFacesPerImage, maxFacesPerImage);
      faces = faces.subList(0, maxFacesPerImage);
    }
    return faces;
  }

  /**
   * The decode stage, with the pixel limit lowered when the upscaled output (or the background
   * model's, when it is larger) would not fit one image.
   */
  private RgbaImage decode(ImageSource source, RestoreOptions options) {
    int scale = largestScale(options);
    long limit = ImageDecoder.MAX_SUPPORTED_PIXELS / ((long) scale * scale);
    if (limit >= decoder.maxPixels()) {
      return source.decode(decoder);
    }
    try {
      return source.decode(new ImageDecoder(limit));
    } catch (ImageTooLargeException e) {
      throw new ImageTooLargeException(e.getMessage() + " (the largest input whose " + scale
          + "x upscaled output fits one image of at most " + ImageDecoder.MAX_SUPPORTED_PIXELS + " pixels)", e);
    }
  }

  /**
   * Returns the largest scale one image of a call is held at: the output's, or the background
   * model's when it runs and is larger.
   *
   * @param options the per-call options
   * @return 1, 2 or 4
   */
  public int largestScale(RestoreOptions options) {
    return enhancesBackground(options) ? Math.max(options.upscale(), background.scale()) : options.upscale();
  }

  /** The detect stage, with its output checked. */
  private List<DetectedFace> detect(RgbaImage frame, RestoreOptions options) {
    List<DetectedFace> found = detector.detect(frame, options.detectionMode(), options.smallestFaceSearched());
    if (found == null) {
      throw new RestorationException("stage 'detect' returned null instead of a list of faces");
    }
    List<DetectedFace> faces = new ArrayList<>(found.size());
    for (DetectedFace f : found) {
      if (f == null) {
        throw new RestorationException("stage 'detect' returned a null face");
      }
      if (f.box().maxX() <= 0 || f.box().maxY() <= 0 || f.box().x() >= frame.width() || f.box().y() >= frame.height()) {
        LOG.warn("stage 'detect' returned a face outside the {}x{} image: {}; ignoring it",
            frame.width(), frame.height(), f.box());
        continue;
      }
      if (spread(f.landmarks()) < 1.0) {
        LOG.warn("stage 'detect' returned coincident landmarks {}; ignoring the face", f.landmarks());
        continue;
      }
      faces.add(f);
    }
    return faces;
  }

  private List<DetectedFace> checkGiven(List<DetectedFace> faces) {
    if (faces.size() > maxFacesPerImage) {
      throw new RestorationException(faces.size() + " faces given, over the cap of " + maxFacesPerImage
          + " per image (maxFacesPerImage)");
    }
    return faces;
  }

  /**
   * The per-face stages: each face's generator chosen by its paste size ({@link GeneratorRoutes}, or
   * the small one for all with {@link RestoreOptions#smallFaceModelForAll()}),
   * then each generator's faces batch after batch, with an interrupt check before and progress
   * after each batch; {@code frames.get(i)} holds {@code faces.get(i)}. The result is in the
   * faces' order.
   */
  private List<EnhancedFace> enhanceInBatches(List<RgbaImage> frames, List<DetectedFace> faces, RestoreOptions options) {
    int total = faces.size();
    Map<GeneratorRoute, List<Integer>> byRoute = new LinkedHashMap<>();
    for (int i = 0; i < total; i++) {
      SimilarityTransform toLarge = SimilarityTransform.estimate(faces.get(i).landmarks().points(),
          routes.large().templatePoints().points());
      GeneratorRoute route = routes.routeFor(toLarge, options.upscale(), options.smallFaceModelForAll());
      byRoute.computeIfAbsent(route, r -> new ArrayList<>()).add(i);
    }
    EnhancedFace[] enhanced = new EnhancedFace[total];
    int done = 0;
    for (Map.Entry<GeneratorRoute, List<Integer>> e : byRoute.entrySet()) {
      GeneratorRoute route = e.getKey();
      List<Integer> indices = e.getValue();
      int batchSize = route.batcher().batchSize();
      for (int start = 0; start < indices.size(); start += batchSize) {
        checkInterrupt("after " + done + " of " + total + " faces");
        List<Integer> batch = indices.subList(start, Math.min(indices.size(), start + batchSize));
        List<EnhancedFace> out = alignEnhanceMatch(route, batch.stream().map(frames::get).toList(),
            batch.stream().map(faces::get).toList(), batch, options);
        for (int k = 0; k < batch.size(); k++) {
          enhanced[batch.get(k)] = out.get(k);
        }
        done += batch.size();
        options.progressListener().onProgress(new RestoreProgress(done, total));
      }
    }
    return Arrays.asList(enhanced);
  }

  /**
   * The align, enhance and colour-match stages for one batch of faces (each in its own frame, the
   * same one for a photo) on one route: one generator call, whose time is shared equally by its
   * faces. {@code indices} are the faces' places in the image, for the log.
   */
  private List<EnhancedFace> alignEnhanceMatch(GeneratorRoute route, List<RgbaImage> frames, List<DetectedFace> faces,
      List<Integer> indices, RestoreOptions options) {
    int n = faces.size();
    List<SimilarityTransform> toCrops = new ArrayList<>(n);
    List<FloatImage> crops = new ArrayList<>(n);
    List<Duration> aligns = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      DetectedFace face = faces.get(i);
      long ta = ticker.read();
      SimilarityTransform toCrop = SimilarityTransform.estimate(face.landmarks().points(),
          route.templatePoints().points());
      toCrops.add(toCrop);
      crops.add(CropWarp.warp(frames.get(i), toCrop, route.size(), enhancer.profile().family()));
      aligns.add(since(ta));
    }

    long te = ticker.read();
    List<FloatImage> outs = route.batcher().enhance(crops, options.fidelityFor(enhancer.profile()));
    Duration callShare = since(te).dividedBy(n);
    List<EnhancedFace> enhanced = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long tm = ticker.read();
      DetectedFace face = faces.get(i);
      FloatImage out = outs.get(i);
      if (out == null) {
        LOG.warn("stage 'enhance' returned NaN or infinite values for face {} at {}; keeping the original face",
            indices.get(i), face.box());
      } else {
        if (options.smallFaceFilter() && isSmall(face, options.upscale())) {
          out = BinomialFilter.apply(out);
        }
        if (options.colorMatching()) {
          out = ColorMatch.apply(out, crops.get(i));
        }
      }
      enhanced.add(new EnhancedFace(route, face, toCrops.get(i), out, aligns.get(i), callShare.plus(since(tm))));
    }
    return enhanced;
  }

  /**
   * Official GPEN's small-face test: the box's shorter side under 100 px (docs/REFERENCE.md §5), in
   * output pixels as GPEN measures it when it upscales.
   */
  private static boolean isSmall(DetectedFace face, int upscale) {
    double side = Math.min(face.box().width(), face.box().height());
    return OutputGrid.toOutputPixels(side, upscale) < RestoreOptions.SMALL_FACE_SIZE;
  }

  /**
   * The paste stage: every usable face at once, on the background upscaled as asked. Memory
   * follows the faces, not the frame: the faces go straight into the canvas when it is a new image
   * (upscaled or enhanced) or the frame is the pipeline's own ({@code frameOwned}); only a frame
   * that someone else holds is copied first. The result is the same pixels either way.
   */
  private Pasted paste(RgbaImage frame, boolean frameOwned, List<EnhancedFace> faces, RestoreOptions options) {
    int upscale = options.upscale();
    SimilarityTransform outputToInput = OutputGrid.outputToInput(upscale);
    List<FacePatch> patches = new ArrayList<>(faces.size());
    for (int i = 0; i < faces.size(); i++) {
      EnhancedFace f = faces.get(i);
      if (f.output() != null) {
        SimilarityTransform outputToCrop = f.toCrop().compose(outputToInput);
        patches.add(new FacePatch(f.output(), f.route().masks().forFace(f.output(), i, options, outputToCrop), outputToCrop));
      }
    }
    RgbaImage canvas = canvas(frame, options);
    boolean intoCanvas = canvas != frame || frameOwned;
    if (patches.isEmpty()) {
      return new Pasted(intoCanvas ? canvas : frame.copy(), List.of());
    }
    // A generator that took the fidelity as an input (CodeFormer's w) has applied it already.
    double blend = enhancer.takesFidelity() ? 1.0 : options.fidelityFor(enhancer.profile());
    if (intoCanvas) {
      return new Pasted(canvas, PasteBack.pasteInPlace(canvas, patches, blend, ticker));
    }
    PasteResult pasted = PasteBack.paste(canvas, patches, blend, ticker);
    return new Pasted(pasted.image(), pasted.perPatch());
  }

  /** The background at the output scale: enhanced by the background model when it runs, else resized. */
  private RgbaImage canvas(RgbaImage frame, RestoreOptions options) {
    int upscale = options.upscale();
    if (enhancesBackground(options)) {
      return background.enhance(frame, upscale);
    }
    return upscale == 1 ? frame : ImageResize.resize(frame, frame.width() * upscale, frame.height() * upscale);
  }

  /** Assembles the result: per-face timings, with each usable face's share of the paste time. */
  private static RestoreResult result(Pasted pasted, List<EnhancedFace> faces, StageTimings stages) {
    List<RestoredFace> restored = new ArrayList<>(faces.size());
    Duration alignTotal = Duration.ZERO;
    Duration enhanceTotal = Duration.ZERO;
    int patch = 0;
    for (EnhancedFace f : faces) {
      boolean usable = f.output() != null;
      Duration paste = usable && patch < pasted.perPatch().size() ? pasted.perPatch().get(patch++) : Duration.ZERO;
      alignTotal = alignTotal.plus(f.align());
      enhanceTotal = enhanceTotal.plus(f.enhance());
      restored.add(new RestoredFace(f.face(), f.toCrop(),
          new StageTimings(Duration.ZERO, Duration.ZERO, f.align(), f.enhance(), paste), usable,
          f.route().enhancer().modelName(), f.route().size()));
    }
    StageTimings timings = new StageTimings(stages.decode(), stages.detect(), alignTotal, enhanceTotal, stages.paste());
    return new RestoreResult(pasted.image().view(), restored, timings);
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

  /** One face after the enhance stage; {@code output} is null when the generator's output was unusable. */
  private record EnhancedFace(GeneratorRoute route,
      DetectedFace face, SimilarityTransform toCrop, FloatImage output, Duration align, Duration enhance) {}

  /** The paste stage's output. */
  private record Pasted(RgbaImage image, List<Duration> perPatch) {}
}
