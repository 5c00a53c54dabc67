package io.gpen4j;

import io.gpen4j.internal.backend.BackendLocator;
import io.gpen4j.internal.detect.FrameDetector;
import io.gpen4j.internal.io.ImageDecoder;
import io.gpen4j.internal.pipeline.BackgroundEnhancer;
import io.gpen4j.internal.pipeline.BudgetedSource;
import io.gpen4j.internal.pipeline.FaceEnhancer;
import io.gpen4j.internal.pipeline.FaceParser;
import io.gpen4j.internal.pipeline.GeneratorRoute;
import io.gpen4j.internal.pipeline.GeneratorRoutes;
import io.gpen4j.internal.pipeline.ImageSink;
import io.gpen4j.internal.pipeline.ImageSource;
import io.gpen4j.internal.pipeline.MemoryBudget;
import io.gpen4j.internal.pipeline.MemoryEstimate;
import io.gpen4j.internal.pipeline.RestorePipeline;
import io.gpen4j.internal.pipeline.StageSessions;
import io.gpen4j.models.GeneratorFamily;
import io.gpen4j.models.GeneratorProfile;
import io.gpen4j.models.ModelRepository;
import io.gpen4j.models.ModelSpec;
import io.gpen4j.models.ParserFamily;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores faces in photos with a face generator (GPEN, GFPGAN, CodeFormer or RestoreFormer++,
 * see {@link GeneratorFamily}): detects every face, aligns it to the model's template, enhances it,
 * and pastes it back without a visible seam. With a {@link BackgroundStage} the whole
 * photo is first enhanced by a super-resolution model (Real-ESRGAN), so the faces are pasted on an
 * enhanced background.
 *
 * <pre>{@code
 * try (FaceRestorer restorer = FaceRestorer.builder()
 *     .generator(GeneratorStage.of(Path.of("GPEN-BFR-512.onnx")))
 *     .detector(DetectorStage.of(DetectorType.YUNET, Path.of("face_detection_yunet_2023mar.onnx")))
 *     .build()) {
 *   restorer.restore(Path.of("old.jpg"), Path.of("restored.png"));
 * }
 * }</pre>
 *
 * <p>Thread-safety: a restorer is built once and shared; {@link #restore} may be called from many
 * threads at once. Each call keeps its state to itself, so results never mix between callers.
 *
 * <p>Lifecycle: the restorer owns the model sessions it opened and releases them in
 * {@link #close()}; a {@link FaceDetector} passed to the builder stays the caller's. Calls after
 * {@code close()} fail with {@link IllegalStateException}.
 *
 * <p>Assembly: the restorer is composed of stage values, each opening, configuring and checking
 * its own model ({@link GeneratorStage}, {@link DetectorStage}, {@link ParserStage},
 * {@link BackgroundStage}), one {@link Limits} and one {@link Threads}; {@link Builder} only
 * composes them, and the private constructor wires them into the pipeline in one place.
 *
 * <p>Limits: an image over {@link Limits#maxImagePixels()} is rejected before its pixels are
 * decoded or copied, and so is one whose upscaled output could not be held as one image (over
 * 536,870,909 pixels, the most one pixel array holds); at most {@link Limits#maxFacesPerImage()} faces
 * are restored per image. Memory: restores and detections in flight share {@link Limits#memoryBudget()};
 * each takes its estimated peak (from the header, before decoding) and waits while it does not
 * fit, and one that could never fit fails with {@link ImageTooLargeException}. Cancellation: a call stops between stages when its thread is interrupted
 * (throwing {@link RestorationException}) or when its {@link ProgressListener} throws; in both
 * cases {@link #restore(Path, Path, RestoreOptions)} writes nothing.
 */
public final class FaceRestorer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FaceRestorer.class);

  /** The most bytes read from a stream: the largest array the JVM allocates. */
  private static final int MAX_STREAM_BYTES = Integer.MAX_VALUE - 8;

  private final RestorePipeline pipeline;
  private final List<ModelSession> ownedSessions;
  private final String backendName;
  private final long maxImagePixels;
  private final MemoryBudget memoryBudget;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Assembles the restorer from the builder's stages, in one place: finds the backend, resolves the
   * settings and threads once, lets each stage open, configure and check its model (generator,
   * detector, face parser, background, in that order), and wires the pipeline. On any failure the
   * sessions opened so far are closed.
   */
  private FaceRestorer(Builder b, GeneratorStage generatorStage, DetectorStage detectorStage,
      BackgroundStage backgroundStage) {
    Limits limits = b.limits;
    InferenceBackend backend = b.backend != null
        ? b.backend
        : BackendLocator.find(b.backendName, Thread.currentThread().getContextClassLoader());
    SessionSettings defaults = b.threads == null ? b.sessionSettings : b.threads.applyTo(b.sessionSettings);
    StageSessions sessions = new StageSessions(backend, defaults);
    try {
      FaceEnhancer enhancer = generatorStage.open(sessions);
      FrameDetector detector = detectorStage.open(sessions, b.detectorSettings);
      FaceParser parser = b.faceParser == null ? null : b.faceParser.open(sessions, b.detectorSettings);
      GeneratorRoutes routes = generatorStage.routes(enhancer, sessions, limits, parser);
      BackgroundEnhancer background = backgroundStage == null ? null : backgroundStage.open(sessions);
      this.pipeline = new RestorePipeline(detector, routes, enhancer.profile().template(), limits.maxFacesPerImage(),
          limits.maxImagePixels(), b.ticker, background);
      LOG.debug("restorer ready: backend {}, generator {} ({}, {}), small faces {}, detector {}, "
          + "face parser {}, background {}", backend.name(), routes.large(), enhancer.profile().family(),
          enhancer.profile().template(), routes.small(), detector, parser, background);
    } catch (RuntimeException e) {
      sessions.closeAfter(e);
      throw e;
    }
    this.ownedSessions = sessions.sessions();
    this.backendName = backend.name();
    this.maxImagePixels = limits.maxImagePixels();
    this.memoryBudget = new MemoryBudget(limits.memoryBudget());
  }

  /**
   * Returns the memory budget that restores share (see {@link Limits#memoryBudget()}).
   *
   * @return the budget in bytes
   */
  public long memoryBudget() {
    return memoryBudget.bytes();
  }

  /**
   * Returns the most faces sent to the generator in one call: 1 for a model that takes one face
   * at a time, else {@link Limits#maxBatchSize()} (by default 4, or 1 on the CPU for crops over
   * 256 px) bounded by the model and the memory budget. A
   * small-face model batches its own faces the same way; the memory estimate counts the larger of
   * the two models' calls.
   *
   * @return the batch size
   */
  public int batchSize() {
    return pipeline.batchSize();
  }

  /** Runs the pipeline once the input's estimated memory fits the budget; gives it back after. */
  private RestoreResult budgeted(ImageSource source, String name, List<DetectedFace> faces, RestoreOptions options,
      ImageSink sink) throws IOException {
    GeneratorRoute heaviest = pipeline.routes().heaviest();
    try (BudgetedSource admitted = new BudgetedSource(source, memoryBudget, options.upscale(),
        heaviest.size(), heaviest.batcher().batchSize(), name,
        pipeline.enhancesBackground(options) ? pipeline.background() : null)) {
      return pipeline.run(admitted, faces, options, sink);
    }
  }

  /**
   * Returns a builder with the default settings.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Restores every face in an image with the default options.
   *
   * @param image the image; not modified
   * @return the restored image and its faces
   * @throws ImageTooLargeException if the image has more pixels than the configured limit
   * @throws RestorationException if a stage fails
   * @throws IllegalStateException if the restorer is closed
   */
  public RestoreResult restore(BufferedImage image) {
    return restore(image, RestoreOptions.DEFAULTS);
  }

  /**
   * Restores faces in an image.
   *
   * @param image the image; not modified
   * @param options which faces, how strongly, at what scale
   * @return the restored image and its faces
   * @throws ImageTooLargeException if the image has more pixels than the configured limit, or its
   *     upscaled output could not be held as one image
   * @throws RestorationException if a stage fails or the thread is interrupted
   * @throws IllegalStateException if the restorer is closed
   */
  public RestoreResult restore(BufferedImage image, RestoreOptions options) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(options, "options");
    ensureOpen();
    checkPixels(image.getWidth(), image.getHeight(), options);
    return inMemory(ImageSource.of(image), null, options);
  }

  /**
   * Finds the faces that {@link #restore(BufferedImage, RestoreOptions)} would restore: detection
   * (on a shrunk copy for large images), then the options' face selection (largest, maximum
   * count, minimum size and score) and the per-image cap. With
   * {@link #restore(BufferedImage, List, RestoreOptions)} it splits a restore in two, so a caller
   * can change the faces in between: a video tracker smooths them and carries them over between
   * frames.
   *
   * @param image the image; not modified
   * @param options the face-selection options
   * @return the faces in the image's coordinates, largest first
   * @throws ImageTooLargeException if the image has more pixels than the configured limit
   * @throws RestorationException if detection fails or the thread is interrupted
   * @throws IllegalStateException if the restorer is closed
   */
  public List<DetectedFace> detect(BufferedImage image, RestoreOptions options) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(options, "options");
    ensureOpen();
    checkPixels(image.getWidth(), image.getHeight(), options);
    try (MemoryBudget.Grant grant = memoryBudget.acquire(
        MemoryEstimate.detectBytes(image.getWidth(), image.getHeight(), true), "detecting in the image")) {
      return pipeline.findFaces(ImageDecoder.fromBufferedImage(image), options);
    }
  }

  /**
   * Converts an image once to the restorer's pixels, for a caller that detects and restores it
   * ({@link #detect(Frame, RestoreOptions)}, {@link #restore(Frame, List, RestoreOptions)}): a video
   * or live loop converts each frame once instead of once per call.
   *
   * @param image the image; not modified, not retained
   * @return the frame
   * @throws ImageTooLargeException if the image has more pixels than the configured limit
   * @throws IllegalStateException if the restorer is closed
   */
  public Frame frame(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    ensureOpen();
    checkPixelLimit(image.getWidth(), image.getHeight());
    return new Frame(ImageDecoder.fromBufferedImage(image));
  }

  /**
   * Finds the faces in a frame, as {@link #detect(BufferedImage, RestoreOptions)} does, without
   * converting its pixels again. The detection's working memory is taken from the memory budget.
   *
   * @param frame a frame from {@link #frame(BufferedImage)}
   * @param options the face-selection options
   * @return the faces in the frame's coordinates, largest first
   * @throws ImageTooLargeException if the frame's upscaled output could not be held as one image
   * @throws RestorationException if detection fails or the thread is interrupted
   * @throws IllegalStateException if the restorer is closed
   */
  public List<DetectedFace> detect(Frame frame, RestoreOptions options) {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(options, "options");
    ensureOpen();
    checkPixels(frame.width(), frame.height(), options);
    try (MemoryBudget.Grant grant = memoryBudget.acquire(
        MemoryEstimate.detectBytes(frame.width(), frame.height(), false), "detecting in " + frame)) {
      return pipeline.findFaces(frame.pixels(), options);
    }
  }

  /**
   * Restores the given faces in a frame, as {@link #restore(BufferedImage, List, RestoreOptions)}
   * does, without converting its pixels again.
   *
   * @param frame a frame from {@link #frame(BufferedImage)}; not modified
   * @param faces the faces to restore, in the frame's coordinates
   * @param options how strongly, at what scale
   * @return the restored image and its faces
   * @throws ImageTooLargeException if the frame's upscaled output could not be held as one image
   * @throws RestorationException if a stage fails, the thread is interrupted, or there are more
   *     faces than {@link Limits#maxFacesPerImage()}
   * @throws IllegalStateException if the restorer is closed
   */
  public RestoreResult restore(Frame frame, List<DetectedFace> faces, RestoreOptions options) {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(options, "options");
    List<DetectedFace> given = List.copyOf(Objects.requireNonNull(faces, "faces"));
    ensureOpen();
    checkPixels(frame.width(), frame.height(), options);
    return inMemory(decoder -> frame.pixels(), given, options);
  }

  /**
   * Restores the given faces in an image, without running the detector. The faces are restored
   * as given: the options' face selection (largest, maximum count, minimum size and score) is not
   * applied; fidelity, upscale, colour matching and the progress listener are.
   *
   * @param image the image; not modified
   * @param faces the faces to restore, in the image's coordinates (for example from
   *     {@link #detect(BufferedImage, RestoreOptions)}, smoothed by a tracker)
   * @param options how strongly, at what scale
   * @return the restored image and its faces
   * @throws ImageTooLargeException if the image has more pixels than the configured limit, or its
   *     upscaled output could not be held as one image
   * @throws RestorationException if a stage fails, the thread is interrupted, or there are more
   *     faces than {@link Limits#maxFacesPerImage()}
   * @throws IllegalStateException if the restorer is closed
   */
  public RestoreResult restore(BufferedImage image, List<DetectedFace> faces, RestoreOptions options) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(options, "options");
    List<DetectedFace> given = List.copyOf(Objects.requireNonNull(faces, "faces"));
    ensureOpen();
    checkPixels(image.getWidth(), image.getHeight(), options);
    return inMemory(ImageSource.of(image), given, options);
  }

  /**
   * Restores the given faces in several images at once, sending the faces of all of them to the
   * generator together, up to {@link #batchSize()} per call: how a video loop fills a batch when
   * each frame holds fewer faces. Each image's result is what
   * {@link #restore(BufferedImage, List, RestoreOptions)} returns for it (within float rounding),
   * with zero decode and detect times. The memory of all the images is taken from the budget at
   * once; progress counts the faces of all the images.
   *
   * @param images the images; not modified
   * @param faces the faces to restore in each image, one list per image, as given
   * @param options how strongly, at what scale
   * @return one result per image, in order
   * @throws IllegalArgumentException if there are not as many face lists as images
   * @throws ImageTooLargeException if an image has more pixels than the configured limit, or the
   *     images together need more than the whole memory budget
   * @throws RestorationException if a stage fails, the thread is interrupted, or an image has more
   *     faces than {@link Limits#maxFacesPerImage()}
   * @throws IllegalStateException if the restorer is closed
   */
  public List<RestoreResult> restoreAll(List<BufferedImage> images, List<List<DetectedFace>> faces,
      RestoreOptions options) {
    Objects.requireNonNull(options, "options");
    List<BufferedImage> frames = List.copyOf(Objects.requireNonNull(images, "images"));
    List<int[]> sizes = frames.stream().map(i -> new int[] {i.getWidth(), i.getHeight()}).toList();
    return restoreAll(sizes, frames.stream().map(ImageSource::of).toList(), faces, options);
  }

  /**
   * Restores the given faces in several frames at once, as
   * {@link #restoreAll(List, List, RestoreOptions)} does for images, without converting their
   * pixels again.
   *
   * @param frames frames from {@link #frame(BufferedImage)}; not modified
   * @param faces the faces to restore in each frame, one list per frame, as given
   * @param options how strongly, at what scale
   * @return one result per frame, in order
   * @throws IllegalArgumentException if there are not as many face lists as frames
   * @throws ImageTooLargeException if a frame's upscaled output could not be held as one image, or
   *     the frames together need more than the whole memory budget
   * @throws RestorationException if a stage fails, the thread is interrupted, or a frame has more
   *     faces than {@link Limits#maxFacesPerImage()}
   * @throws IllegalStateException if the restorer is closed
   */
  public List<RestoreResult> restoreFrames(List<Frame> frames, List<List<DetectedFace>> faces,
      RestoreOptions options) {
    Objects.requireNonNull(options, "options");
    List<Frame> given = List.copyOf(Objects.requireNonNull(frames, "frames"));
    List<int[]> sizes = given.stream().map(f -> new int[] {f.width(), f.height()}).toList();
    return restoreAll(sizes, given.stream().<ImageSource>map(f -> decoder -> f.pixels()).toList(), faces, options);
  }

  private List<RestoreResult> restoreAll(List<int[]> sizes, List<ImageSource> sources,
      List<List<DetectedFace>> faces, RestoreOptions options) {
    List<List<DetectedFace>> given = Objects.requireNonNull(faces, "faces").stream().map(List::copyOf).toList();
    if (sources.size() != given.size()) {
      throw new IllegalArgumentException(sources.size() + " images but " + given.size() + " face lists");
    }
    ensureOpen();
    GeneratorRoute heaviest = pipeline.routes().heaviest();
    long estimate = MemoryEstimate.batchBytes(heaviest.size(), heaviest.batcher().batchSize());
    // The frames' backgrounds are enhanced one after another: the largest one's tiles count once.
    long backgroundPeak = 0;
    boolean background = pipeline.enhancesBackground(options);
    for (int[] size : sizes) {
      checkPixels(size[0], size[1], options);
      estimate += MemoryEstimate.peakBytes(size[0], size[1], 0, options.upscale(), pipeline.modelSize(), 0);
      if (background) {
        backgroundPeak = Math.max(backgroundPeak, pipeline.background().peakBytes(size[0], size[1], options.upscale()));
      }
    }
    estimate += backgroundPeak;
    try (MemoryBudget.Grant grant = memoryBudget.acquire(estimate, sources.size() + " images")) {
      return pipeline.runFrames(sources, given, options);
    }
  }

  /** Runs the pipeline without a sink; nothing there can throw IOException. */
  private RestoreResult inMemory(ImageSource source, List<DetectedFace> faces, RestoreOptions options) {
    try {
      return budgeted(source, "the image", faces, options, ImageSink.NONE);
    } catch (IOException e) {
      throw new AssertionError("no sink, yet an I/O error", e);
    }
  }

  private void checkPixels(int width, int height, RestoreOptions options) {
    long pixels = checkPixelLimit(width, height);
    if (pixels > outputLimit(options)) {
      int scale = pipeline.largestScale(options);
      throw new ImageTooLargeException("image is " + width + "x" + height + " = "
          + pixels + " pixels; upscaled " + scale + "x it would be " + pixels * scale
          * scale + " pixels, over the largest supported output of "
          + ImageDecoder.MAX_SUPPORTED_PIXELS);
    }
  }

  private long checkPixelLimit(int width, int height) {
    long pixels = (long) width * height;
    if (pixels > maxImagePixels) {
      throw new ImageTooLargeException("image is " + width + "x" + height + " = "
          + pixels + " pixels, over the limit of " + maxImagePixels);
    }
    return pixels;
  }

  /**
   * Restores every face in an image file and writes the result, with the default options.
   *
   * @param input the image to read (JPEG, PNG, BMP, WebP; EXIF orientation is applied)
   * @param output where to write; the format follows the extension (png, jpg, jpeg, bmp). Written
   *     atomically: on any failure an existing file there is left as it was
   * @return the restored image and its faces
   * @throws ImageDecodeException if the input cannot be read or decoded
   * @throws RestorationException if a stage fails
   * @throws IOException if the output cannot be written
   * @throws IllegalArgumentException if the output's extension is not one of those above; checked
   *     before the input is read
   * @throws IllegalStateException if the restorer is closed
   */
  public RestoreResult restore(Path input, Path output) throws IOException {
    return restore(input, output, RestoreOptions.DEFAULTS);
  }

  /**
   * Restores faces in an image file and writes the result.
   *
   * @param input the image to read (JPEG, PNG, BMP, WebP; EXIF orientation is applied)
   * @param output where to write; the format follows the extension (png, jpg, jpeg, bmp). Written
   *     atomically: on any failure an existing file there is left as it was
   * @param options which faces, how strongly, at what scale
   * @return the restored image and its faces
   * @throws ImageDecodeException if the input cannot be read or decoded
   * @throws ImageTooLargeException if the input has more pixels than the configured limit, or its
   *     upscaled output could not be held as one image
   * @throws RestorationException if a stage fails or the thread is interrupted
   * @throws IOException if the output cannot be written
   * @throws IllegalArgumentException if the output's extension is not one of those above; checked
   *     before the input is read
   * @throws IllegalStateException if the restorer is closed
   */
  public RestoreResult restore(Path input, Path output, RestoreOptions options) throws IOException {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(options, "options");
    ensureOpen();
    return budgeted(ImageSource.of(input), input.toString(), null, options,
        ImageSink.file(output, options.jpegBackground()));
  }

  /**
   * Restores faces in an encoded image held in memory (an upload, a message) and writes the result
   * to a stream, with no temporary file. EXIF orientation is applied as for files.
   *
   * @param input the encoded image (JPEG, PNG, BMP, WebP); not modified or retained
   * @param output where to write the result; it receives nothing unless the whole restore and the
   *     encoding succeed. Flushed, not closed
   * @param format the output format
   * @param options which faces, how strongly, at what scale
   * @return the restored image and its faces
   * @throws ImageDecodeException if the input is empty, truncated, corrupt or of an unsupported format
   * @throws ImageTooLargeException if the input has more pixels than the configured limit, or its
   *     upscaled output could not be held as one image
   * @throws RestorationException if a stage fails or the thread is interrupted
   * @throws IOException if the output stream cannot be written
   * @throws IllegalStateException if the restorer is closed
   */
  public RestoreResult restore(byte[] input, OutputStream output, ImageFormat format, RestoreOptions options)
      throws IOException {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(options, "options");
    ensureOpen();
    return budgeted(ImageSource.of(input, "the input bytes"), "the input bytes", null, options,
        ImageSink.stream(output, format, options.jpegBackground()));
  }

  /**
   * Restores faces in an encoded image read from a stream and writes the result to another, with
   * no temporary file. The input is read to its end (not closed); EXIF orientation is applied as
   * for files.
   *
   * @param input the encoded image (JPEG, PNG, BMP, WebP)
   * @param output where to write the result; it receives nothing unless the whole restore and the
   *     encoding succeed. Flushed, not closed
   * @param format the output format
   * @param options which faces, how strongly, at what scale
   * @return the restored image and its faces
   * @throws ImageDecodeException if the input cannot be read, is empty, truncated, corrupt, of an
   *     unsupported format, or over 2 GB
   * @throws ImageTooLargeException if the input has more pixels than the configured limit, or its
   *     upscaled output could not be held as one image
   * @throws RestorationException if a stage fails or the thread is interrupted
   * @throws IOException if the output stream cannot be written
   * @throws IllegalStateException if the restorer is closed
   */
  public RestoreResult restore(InputStream input, OutputStream output, ImageFormat format, RestoreOptions options)
      throws IOException {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(options, "options");
    ensureOpen();
    byte[] bytes;
    try {
      bytes = input.readNBytes(MAX_STREAM_BYTES);
      if (bytes.length == MAX_STREAM_BYTES && input.read() >= 0) {
        throw new ImageDecodeException("Cannot decode the input stream: it is over " + MAX_STREAM_BYTES + " bytes");
      }
    } catch (IOException e) {
      throw new ImageDecodeException("Cannot decode the input stream: cannot read it: " + e, e);
    }
    return budgeted(ImageSource.of(bytes, "the input stream"), "the input stream", null, options,
        ImageSink.stream(output, format, options.jpegBackground()));
  }

  /** The most input pixels whose upscaled output (or background model output) still fits one pixel array. */
  private long outputLimit(RestoreOptions options) {
    int scale = pipeline.largestScale(options);
    return ImageDecoder.MAX_SUPPORTED_PIXELS / ((long) scale * scale);
  }

  /**
   * Returns the background model's scale, when the restorer has one.
   *
   * @return 1, 2 or 4; 0 without a background model
   */
  public int backgroundScale() {
    return pipeline.background() == null ? 0 : pipeline.background().scale();
  }

  /** Returns the name of the backend running the models. @return e.g. {@code "onnx"} */
  public String backendName() {
    return backendName;
  }

  /**
   * Returns the generator's crop size; with a small-face model ({@link GeneratorStage#withSmallFaceModel})
   * the larger model's, and each face's own is in {@link RestoredFace#modelSize()}.
   *
   * @return 256, 512, 1024 or 2048 for the GPEN models
   */
  public int modelSize() {
    return pipeline.modelSize();
  }

  /**
   * Returns the small-face model's crop size ({@link GeneratorStage#withSmallFaceModel}), which
   * {@link RestoreOptions.Builder#smallFaceModelForAll} sends every face to.
   *
   * @return the small model's crop side, or 0 without a small-face model
   */
  public int smallFaceModelSize() {
    GeneratorRoute small = pipeline.routes().small();
    return small == null ? 0 : small.size();
  }

  /** Returns the alignment template in use. @return the template */
  public AlignmentTemplate template() {
    return pipeline.template();
  }

  /**
   * Returns what the generator was opened as: its family, size, template, normalisation and
   * scalar inputs.
   *
   * @return the profile in use
   */
  public GeneratorProfile generatorProfile() {
    return pipeline.generatorProfile();
  }

  /**
   * Returns whether the restorer has a face-parsing model ({@link ParserStage}), so that
   * {@link FaceMask#PARSING} can be asked for.
   *
   * @return true with a face parser
   */
  public boolean hasFaceParser() {
    return pipeline.hasFaceParser();
  }

  /** Releases the model sessions this restorer opened. Idempotent; never throws. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (ModelSession s : ownedSessions) {
      try {
        s.close();
      } catch (RuntimeException e) {
        LOG.warn("closing a model session failed", e);
      }
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("FaceRestorer is closed");
    }
  }
  /**
   * Builds a {@link FaceRestorer} by composing stage values: a {@link GeneratorStage} (required), a
   * {@link DetectorStage} (the bundled YuNet by default), optionally a {@link ParserStage} and a
   * {@link BackgroundStage}, one {@link Limits}, one {@link Threads}, the backend and the
   * restorer-wide {@link SessionSettings}. Not thread-safe; {@link #build()} leaves it reusable, and
   * each build opens its own model sessions.
   *
   * <p>Migration: the setters of earlier releases that configured a stage or a limit directly
   * ({@code generator(Path)}, {@code template}, {@code detectionScoreFloor}, {@code maxImagePixels}
   * ...) still work, deprecated, for one release; each names its replacement.
   */
  public static final class Builder {
    /** The default pixel limit. @deprecated use {@link Limits#DEFAULT_MAX_IMAGE_PIXELS} */
    @Deprecated
    public static final long DEFAULT_MAX_IMAGE_PIXELS = Limits.DEFAULT_MAX_IMAGE_PIXELS;

    /** The default face cap. @deprecated use {@link Limits#DEFAULT_MAX_FACES_PER_IMAGE} */
    @Deprecated
    public static final int DEFAULT_MAX_FACES_PER_IMAGE = Limits.DEFAULT_MAX_FACES_PER_IMAGE;

    /** The default batch cap. @deprecated use {@link Limits#DEFAULT_MAX_BATCH_SIZE} */
    @Deprecated
    public static final int DEFAULT_MAX_BATCH_SIZE = Limits.DEFAULT_MAX_BATCH_SIZE;

    /** The smallest memory budget. @deprecated use {@link Limits#MIN_MEMORY_BUDGET} */
    @Deprecated
    public static final long MIN_MEMORY_BUDGET = Limits.MIN_MEMORY_BUDGET;

    /** The largest batch cap. @deprecated use {@link Limits#MAX_BATCH_SIZE} */
    @Deprecated
    public static final int MAX_BATCH_SIZE = Limits.MAX_BATCH_SIZE;

    private GeneratorStage generator;
    private DetectorStage detector = DetectorStage.bundled();
    private ParserStage faceParser;
    private BackgroundStage background;
    private Limits limits = Limits.defaults();
    private Threads threads;
    private String backendName;
    private InferenceBackend backend;
    private SessionSettings sessionSettings = SessionSettings.DEFAULTS;
    private Ticker ticker = Ticker.system();
    // What the deprecated setters set on a stage that may be chosen before or after them; applied
    // to the stages in build().
    private GeneratorProfile generatorProfile;
    private AlignmentTemplate template;
    private SessionSettings detectorSettings;
    private double detectionScoreFloor = Double.NaN;
    private int[] detectionDownscale;
    private int backgroundTileSize;

    private Builder() {}

    /**
     * Sets the generator stage. Required.
     *
     * @param stage the generator, e.g. {@code GeneratorStage.of(Path.of("GPEN-BFR-512.onnx"))}
     * @return this builder
     */
    public Builder generator(GeneratorStage stage) {
      this.generator = Objects.requireNonNull(stage, "stage");
      return this;
    }

    /**
     * Sets the detect stage; {@link DetectorStage#bundled()} by default.
     *
     * @param stage the detector
     * @return this builder
     */
    public Builder detector(DetectorStage stage) {
      this.detector = Objects.requireNonNull(stage, "stage");
      return this;
    }

    /**
     * Sets a face-parsing stage, so faces can be pasted through a mask of the face itself; none by
     * default.
     *
     * @param stage the face parser
     * @return this builder
     */
    public Builder faceParser(ParserStage stage) {
      this.faceParser = Objects.requireNonNull(stage, "stage");
      return this;
    }

    /**
     * Sets a background super-resolution stage; none by default (the background is only resized).
     *
     * @param stage the background model
     * @return this builder
     */
    public Builder background(BackgroundStage stage) {
      this.background = Objects.requireNonNull(stage, "stage");
      return this;
    }

    /**
     * Sets the limits (pixels, faces per image, memory budget, batch); {@link Limits#defaults()}
     * by default.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets the threads every stage's model runs with, resolved once at build; by default each
     * backend gives a run every available core (or what the settings' {@code concurrency} asks).
     * A stage whose settings set their own intra-op threads keeps them.
     *
     * @param threads the runs at once and threads per run
     * @return this builder
     */
    public Builder threads(Threads threads) {
      this.threads = Objects.requireNonNull(threads, "threads");
      return this;
    }

    /**
     * Chooses the backend by name (such as {@code "onnx"} or {@code "djl"}) among those on the
     * class path. By default the available backend with the highest priority is used.
     *
     * @param name the backend's name
     * @return this builder
     */
    public Builder backend(String name) {
      this.backendName = Objects.requireNonNull(name, "name");
      this.backend = null;
      return this;
    }

    /**
     * Uses this backend instance, bypassing discovery.
     *
     * @param backend the backend
     * @return this builder
     */
    public Builder backend(InferenceBackend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      this.backendName = null;
      return this;
    }

    /**
     * Sets how the stages run (device, precision, threads) when a stage sets no settings of its
     * own. The generator and background model use them as they are; the detector and face parser
     * use them in FP32.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder sessionSettings(SessionSettings settings) {
      this.sessionSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets a background model file.
     *
     * @param model an ONNX file
     * @return this builder
     * @deprecated use {@code background(BackgroundStage.of(model))}
     */
    @Deprecated
    public Builder backgroundModel(Path model) {
      return background(BackgroundStage.of(model));
    }

    /**
     * Sets a background model.
     *
     * @param model where the model is
     * @return this builder
     * @deprecated use {@code background(BackgroundStage.of(model))}
     */
    @Deprecated
    public Builder backgroundModel(ModelSource model) {
      return background(BackgroundStage.of(model));
    }

    /**
     * Sets a catalogue background model, resolved through a model repository now.
     *
     * @param model a background upscaler from {@link io.gpen4j.models.Models}
     * @param repository where to find it
     * @return this builder
     * @throws IllegalArgumentException if the model is not a background upscaler
     * @throws ModelException if the catalogue file is a PyTorch checkpoint, or the repository cannot
     *     provide a verified file
     * @deprecated use {@code background(BackgroundStage.of(model, repository))}
     */
    @Deprecated
    public Builder backgroundModel(ModelSpec model, ModelRepository repository) {
      return background(BackgroundStage.of(model, repository));
    }

    /**
     * Sets the background model's tile side.
     *
     * @param pixels the tile side in input pixels
     * @return this builder
     * @throws IllegalArgumentException if outside [{@value BackgroundEnhancer#MIN_TILE_SIZE},
     *     {@value BackgroundEnhancer#MAX_TILE_SIZE}]
     * @deprecated use {@link BackgroundStage#withTileSize(int)}
     */
    @Deprecated
    public Builder backgroundTileSize(int pixels) {
      this.backgroundTileSize = BackgroundEnhancer.checkTileSize(pixels);
      return this;
    }

    /**
     * Sets the generator model file.
     *
     * @param model an ONNX file (or a TorchScript file for the DJL PyTorch engine)
     * @return this builder
     * @deprecated use {@code generator(GeneratorStage.of(model))}
     */
    @Deprecated
    public Builder generator(Path model) {
      return generator(GeneratorStage.of(model));
    }

    /**
     * Sets the generator model.
     *
     * @param model where the model is
     * @return this builder
     * @deprecated use {@code generator(GeneratorStage.of(model))}
     */
    @Deprecated
    public Builder generator(ModelSource model) {
      return generator(GeneratorStage.of(model));
    }

    /**
     * Describes what the generator needs.
     *
     * @param profile the profile
     * @return this builder
     * @deprecated use {@link GeneratorStage#withProfile(GeneratorProfile)}
     */
    @Deprecated
    public Builder generatorProfile(GeneratorProfile profile) {
      this.generatorProfile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * Sets the alignment template the generator was trained with.
     *
     * @param template the template
     * @return this builder
     * @deprecated use {@link GeneratorStage#withTemplate(AlignmentTemplate)}
     */
    @Deprecated
    public Builder template(AlignmentTemplate template) {
      this.template = Objects.requireNonNull(template, "template");
      return this;
    }

    /**
     * Sets the generator to a catalogue model, resolved through a model repository now.
     *
     * @param model a restorer from {@link io.gpen4j.models.Models}
     * @param repository where to find it
     * @return this builder
     * @throws IllegalArgumentException if the model is not a restorer
     * @throws ModelException if the repository cannot provide a verified file
     * @deprecated use {@code generator(GeneratorStage.of(model, repository))}
     */
    @Deprecated
    public Builder generator(ModelSpec model, ModelRepository repository) {
      return generator(GeneratorStage.of(model, repository));
    }

    /**
     * Sets a catalogue face detector, resolved through a model repository now.
     *
     * @param model a detector from {@link io.gpen4j.models.Models}
     * @param repository where to find it
     * @return this builder
     * @throws IllegalArgumentException if the model is not a detector
     * @throws ModelException if the repository cannot provide a verified file
     * @deprecated use {@code detector(DetectorStage.of(model, repository))}
     */
    @Deprecated
    public Builder detector(ModelSpec model, ModelRepository repository) {
      return detector(DetectorStage.of(model, repository));
    }

    /**
     * Sets a built-in face detector and its model file.
     *
     * @param type which detector the model is
     * @param model the detector's ONNX file
     * @return this builder
     * @deprecated use {@code detector(DetectorStage.of(type, model))}
     */
    @Deprecated
    public Builder detector(DetectorType type, Path model) {
      return detector(DetectorStage.of(type, model));
    }

    /**
     * Sets a detector of your own. The restorer does not close it.
     *
     * @param detector a thread-safe detector
     * @return this builder
     * @deprecated use {@code detector(DetectorStage.of(detector))}
     */
    @Deprecated
    public Builder faceDetector(FaceDetector detector) {
      return detector(DetectorStage.of(detector));
    }

    /**
     * Sets how the detector and face parser run.
     *
     * @param settings the settings
     * @return this builder
     * @deprecated use {@link DetectorStage#withSettings(SessionSettings)} and
     *     {@link ParserStage#withSettings(SessionSettings)}
     */
    @Deprecated
    public Builder detectorSettings(SessionSettings settings) {
      this.detectorSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets when a detector of your own is shown a shrunk copy.
     *
     * @param threshold the long side above which to shrink
     * @param size the long side to shrink to, not above {@code threshold}
     * @return this builder
     * @throws IllegalArgumentException if not positive or {@code size > threshold}
     * @deprecated use {@link DetectorStage#withDownscale(int, int)}
     */
    @Deprecated
    public Builder detectionDownscale(int threshold, int size) {
      DetectorStage.bundled().withDownscale(threshold, size);
      this.detectionDownscale = new int[] {threshold, size};
      return this;
    }

    /**
     * Sets the lowest score a built-in detector reports.
     *
     * @param score a score in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if outside [0, 1]
     * @deprecated use {@link DetectorStage#withScoreFloor(double)}
     */
    @Deprecated
    public Builder detectionScoreFloor(double score) {
      DetectorStage.bundled().withScoreFloor(score);
      this.detectionScoreFloor = score;
      return this;
    }

    /**
     * Sets the largest image accepted, in pixels.
     *
     * @param pixels the limit
     * @return this builder
     * @throws IllegalArgumentException if not positive or above 536,870,909
     * @deprecated use {@code limits(Limits.defaults().withMaxImagePixels(pixels))}
     */
    @Deprecated
    public Builder maxImagePixels(long pixels) {
      this.limits = limits.withMaxImagePixels(pixels);
      return this;
    }

    /**
     * Sets the most faces restored in one image.
     *
     * @param faces the cap
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @deprecated use {@code limits(Limits.defaults().withMaxFacesPerImage(faces))}
     */
    @Deprecated
    public Builder maxFacesPerImage(int faces) {
      this.limits = limits.withMaxFacesPerImage(faces);
      return this;
    }

    /**
     * Sets the memory that restores in flight may hold together.
     *
     * @param bytes the budget
     * @return this builder
     * @throws IllegalArgumentException if under 64 MB
     * @deprecated use {@code limits(Limits.defaults().withMemoryBudget(bytes))}
     */
    @Deprecated
    public Builder memoryBudget(long bytes) {
      this.limits = limits.withMemoryBudget(bytes);
      return this;
    }

    /**
     * Sets the most faces sent to the generator in one call.
     *
     * @param faces the cap; 0 to choose by the model ({@link Limits#BATCH_SIZE_BY_MODEL})
     * @return this builder
     * @throws IllegalArgumentException if not from 0 to 256
     * @deprecated use {@code limits(Limits.defaults().withMaxBatchSize(faces))}
     */
    @Deprecated
    public Builder maxBatchSize(int faces) {
      this.limits = limits.withMaxBatchSize(faces);
      return this;
    }

    /**
     * Sets the clock used for stage timings; the system clock by default.
     *
     * @param ticker the clock
     * @return this builder
     * @deprecated a test seam; stage timings will always use the system clock
     */
    @Deprecated
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets a face-parsing model file.
     *
     * @param model a BiSeNet or ParseNet ONNX file
     * @param family which network it is
     * @return this builder
     * @deprecated use {@code faceParser(ParserStage.of(model, family))}
     */
    @Deprecated
    public Builder faceParser(Path model, ParserFamily family) {
      return faceParser(ParserStage.of(model, family));
    }

    /**
     * Sets a face-parsing model.
     *
     * @param model where the model is
     * @param family which network it is
     * @return this builder
     * @deprecated use {@code faceParser(ParserStage.of(model, family))}
     */
    @Deprecated
    public Builder faceParser(ModelSource model, ParserFamily family) {
      return faceParser(ParserStage.of(model, family));
    }

    /**
     * Sets a catalogue face-parsing model, resolved through a model repository now.
     *
     * @param model a face parser from {@link io.gpen4j.models.Models}
     * @param repository where to find it
     * @return this builder
     * @throws IllegalArgumentException if the model is not a face parser
     * @throws ModelException if the repository cannot provide a verified file
     * @deprecated use {@code faceParser(ParserStage.of(model, repository))}
     */
    @Deprecated
    public Builder faceParser(ModelSpec model, ModelRepository repository) {
      return faceParser(ParserStage.of(model, repository));
    }

    /**
     * Finds the backend, lets each stage open and check its model, and builds the restorer.
     *
     * @return a restorer that owns the sessions it opened
     * @throws IllegalStateException if no generator was set
     * @throws ModelException if a model is missing, cannot be loaded, or does not fit its role
     * @throws BackendException if no backend is found or it cannot use the requested device
     */
    public FaceRestorer build() {
      if (generator == null) {
        throw new IllegalStateException(
            "no generator model: set one with generator(GeneratorStage.of(path)), e.g. a GPEN .onnx file");
      }
      // The deprecated setters' values, applied to the stages they belong to.
      GeneratorStage g = generatorProfile == null ? generator : generator.withProfile(generatorProfile);
      g = template == null ? g : g.withTemplate(template);
      DetectorStage d = Double.isNaN(detectionScoreFloor) ? detector : detector.withScoreFloor(detectionScoreFloor);
      d = detectionDownscale == null ? d : d.withDownscale(detectionDownscale[0], detectionDownscale[1]);
      BackgroundStage bg = background == null || backgroundTileSize == 0 ? background
          : background.withTileSize(backgroundTileSize);
      return new FaceRestorer(this, g, d, bg);
    }
  }
}
