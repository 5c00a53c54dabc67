package io.gpen4j;

import io.gpen4j.internal.io.ImageDecoder;
import io.gpen4j.internal.pipeline.BackgroundDenoise;
import io.gpen4j.internal.pipeline.BackgroundEnhancer;
import io.gpen4j.internal.pipeline.BudgetedSource;
import io.gpen4j.internal.pipeline.ImageSink;
import io.gpen4j.internal.pipeline.ImageSource;
import io.gpen4j.internal.pipeline.MemoryBudget;
import io.gpen4j.internal.pipeline.MemoryEstimate;
import io.gpen4j.internal.pipeline.PipelineFactory;
import io.gpen4j.internal.pipeline.PipelineSpec;
import io.gpen4j.internal.pipeline.RestorePipeline;
import io.gpen4j.models.ModelRepository;
import io.gpen4j.models.ModelRole;
import io.gpen4j.models.GeneratorFamily;
import io.gpen4j.models.GeneratorProfile;
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
 * and pastes it back without a visible seam. With {@link Builder#backgroundModel(Path)} the whole
 * photo is first enhanced by a super-resolution model (Real-ESRGAN), so the faces are pasted on an
 * enhanced background.
 *
 * <pre>{@code
 * try (FaceRestorer restorer = FaceRestorer.builder()
 *     .generator(Path.of("GPEN-BFR-512.onnx"))
 *     .detector(DetectorType.YUNET, Path.of("face_detection_yunet_2023mar.onnx"))
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
 * <p>Limits: an image over {@link Builder#maxImagePixels(long)} is rejected before its pixels are
 * decoded or copied, and so is one whose upscaled output could not be held as one image (over
 * 536,870,909 pixels, the most one pixel array holds); at most {@link Builder#maxFacesPerImage(int)} faces
 * are restored per image. Memory: restores in flight share {@link Builder#memoryBudget(long)};
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

  private FaceRestorer(PipelineFactory.Assembled assembled, long maxImagePixels, MemoryBudget memoryBudget) {
    this.pipeline = assembled.pipeline();
    this.ownedSessions = assembled.sessions();
    this.backendName = assembled.backendName();
    this.maxImagePixels = maxImagePixels;
    this.memoryBudget = memoryBudget;
  }

  /**
   * Returns the memory budget that restores share (see {@link Builder#memoryBudget(long)}).
   *
   * @return the budget in bytes
   */
  public long memoryBudget() {
    return memoryBudget.bytes();
  }

  /**
   * Returns the most faces sent to the generator in one call: 1 for a model that takes one face
   * at a time, else {@link Builder#maxBatchSize(int)} bounded by the model and the memory budget.
   *
   * @return the batch size
   */
  public int batchSize() {
    return pipeline.batchSize();
  }

  /** Runs the pipeline once the input's estimated memory fits the budget; gives it back after. */
  private RestoreResult budgeted(ImageSource source, String name, List<DetectedFace> faces, RestoreOptions options,
      ImageSink sink) throws IOException {
    try (BudgetedSource admitted = new BudgetedSource(source, memoryBudget, options.upscale(),
        pipeline.modelSize(), pipeline.batchSize(), name,
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
    checkPixels(image, options);
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
    checkPixels(image, options);
    return pipeline.findFaces(ImageDecoder.fromBufferedImage(image), options);
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
   *     faces than {@link Builder#maxFacesPerImage(int)}
   * @throws IllegalStateException if the restorer is closed
   */
  public RestoreResult restore(BufferedImage image, List<DetectedFace> faces, RestoreOptions options) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(options, "options");
    List<DetectedFace> given = List.copyOf(Objects.requireNonNull(faces, "faces"));
    ensureOpen();
    checkPixels(image, options);
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
   *     faces than {@link Builder#maxFacesPerImage(int)}
   * @throws IllegalStateException if the restorer is closed
   */
  public List<RestoreResult> restoreAll(List<BufferedImage> images, List<List<DetectedFace>> faces,
      RestoreOptions options) {
    Objects.requireNonNull(options, "options");
    List<BufferedImage> frames = List.copyOf(Objects.requireNonNull(images, "images"));
    List<List<DetectedFace>> given = Objects.requireNonNull(faces, "faces").stream().map(List::copyOf).toList();
    if (frames.size() != given.size()) {
      throw new IllegalArgumentException(frames.size() + " images but " + given.size() + " face lists");
    }
    ensureOpen();
    long estimate = MemoryEstimate.batchBytes(pipeline.modelSize(), pipeline.batchSize());
    // The frames' backgrounds are enhanced one after another: the largest one's tiles count once.
    long backgroundPeak = 0;
    boolean background = pipeline.enhancesBackground(options);
    List<ImageSource> sources = new ArrayList<>(frames.size());
    for (BufferedImage image : frames) {
      checkPixels(image, options);
      estimate += MemoryEstimate.peakBytes(image.getWidth(), image.getHeight(), 0, options.upscale(),
          pipeline.modelSize(), 0);
      if (background) {
        backgroundPeak = Math.max(backgroundPeak,
            pipeline.background().peakBytes(image.getWidth(), image.getHeight(), options.upscale()));
      }
      sources.add(ImageSource.of(image));
    }
    estimate += backgroundPeak;
    try (MemoryBudget.Grant grant = memoryBudget.acquire(estimate, frames.size() + " images")) {
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

  private void checkPixels(BufferedImage image, RestoreOptions options) {
    long pixels = (long) image.getWidth() * image.getHeight();
    if (pixels > maxImagePixels) {
      throw new ImageTooLargeException("image is " + image.getWidth() + "x" + image.getHeight() + " = "
          + pixels + " pixels, over the limit of " + maxImagePixels);
    }
    if (pixels > outputLimit(options)) {
      int scale = pipeline.largestScale(options);
      throw new ImageTooLargeException("image is " + image.getWidth() + "x" + image.getHeight() + " = "
          + pixels + " pixels; upscaled " + scale + "x it would be " + pixels * scale
          * scale + " pixels, over the largest supported output of "
          + ImageDecoder.MAX_SUPPORTED_PIXELS);
    }
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

  /** Returns the generator's crop size. @return 256, 512, 1024 or 2048 for the GPEN models */
  public int modelSize() {
    return pipeline.modelSize();
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

  /** Releases the model sessions this restorer opened. Idempotent; never throws. */
  /**
   * Returns whether the restorer has a face-parsing model ({@link Builder#faceParser}), so that
   * {@link FaceMask#PARSING} can be asked for.
   *
   * @return true with a face parser
   */
  public boolean hasFaceParser() {
    return pipeline.hasFaceParser();
  }

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
   * Builds a {@link FaceRestorer}. Not thread-safe; {@link #build()} leaves it reusable, and each
   * build opens its own model sessions.
   */
  public static final class Builder {
    /** The default pixel limit: 100 megapixels (about 400 MB of decoded pixels). */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 100_000_000L;

    /**
     * The default cap on faces restored in one image: far above any group photo (the 1927 Solvay
     * photograph has 29), yet it bounds the generator runs one hostile or pathological image costs.
     */
    public static final int DEFAULT_MAX_FACES_PER_IMAGE = 1000;

    /**
     * The default cap on faces per generator call, for models that take batches. Measured with
     * gpen-bench on a busy 2-core CPU (random-weight GPEN-256): per face, a batch of 4 took 0.75
     * and a batch of 8 0.85 of one face's time, so 4; a GPU, which one face cannot fill, gains more
     * from larger batches (set {@link #maxBatchSize(int)}).
     */
    public static final int DEFAULT_MAX_BATCH_SIZE = 4;

    /** The smallest memory budget: one small photo's restore. */
    public static final long MIN_MEMORY_BUDGET = 64L << 20;

    /** The largest {@link #maxBatchSize(int)}: far above what fills a GPU with GPEN-256 crops. */
    public static final int MAX_BATCH_SIZE = 256;

    private ModelSource generator;
    private AlignmentTemplate template;
    private GeneratorProfile generatorProfile;
    private GeneratorProfile catalogueProfile;
    private DetectorType detectorType;
    private ModelSource detectorModel;
    private FaceDetector faceDetector;
    private String backendName;
    private InferenceBackend backend;
    private SessionSettings sessionSettings = SessionSettings.DEFAULTS;
    private SessionSettings detectorSettings;
    private int detectionThreshold = 1500;
    private int detectionSize = 1024;
    private double detectionScoreFloor = Double.NaN;
    private long maxImagePixels = DEFAULT_MAX_IMAGE_PIXELS;
    private int maxFacesPerImage = DEFAULT_MAX_FACES_PER_IMAGE;
    private Ticker ticker = Ticker.system();
    private long memoryBudget = MemoryBudget.defaultBytes();
    private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
    private ModelSource faceParser;
    private ParserFamily parserFamily;
    private ModelSource backgroundModel;
    private int backgroundTileSize = BackgroundEnhancer.DEFAULT_TILE_SIZE;
    private BackgroundDenoise backgroundDenoise;

    private Builder() {}

    /**
     * Sets a background super-resolution model (Real-ESRGAN x2plus or x4plus, realesr-general-x4v3,
     * or any model with one input {@code [1,3,H,W]}, RGB in [0, 1], and one output
     * {@code [1,3,sH,sW]}, s = 1, 2 or 4): every restore then enhances the whole photo with it, in
     * blended tiles, before the faces are pasted (see {@link RestoreOptions#backgroundEnhancement()}
     * to turn it off per call). The scale is read from the model; when it differs from
     * {@link RestoreOptions#upscale()} the model's output is resized to the requested scale. Off by
     * default: the background is only resized.
     *
     * @param model an ONNX file
     * @return this builder
     */
    public Builder backgroundModel(Path model) {
      return backgroundModel(ModelSource.of(Objects.requireNonNull(model, "model")));
    }

    /**
     * Sets a background super-resolution model. See {@link #backgroundModel(Path)}.
     *
     * @param model where the model is
     * @return this builder
     */
    public Builder backgroundModel(ModelSource model) {
      this.backgroundModel = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Sets a catalogue background model, resolved through a model repository. The catalogue's
     * Real-ESRGAN entries are the official PyTorch checkpoints ({@code .pth}, the only files whose
     * SHA-256 is published), which ONNX Runtime cannot open: for those this method fails with the
     * command that converts the file ({@code models/convert/convert.py --arch}); pass the converted
     * {@code .onnx} file to {@link #backgroundModel(Path)}.
     *
     * @param model a background upscaler from {@link io.gpen4j.models.Models}
     * @param repository where to find it
     * @return this builder
     * @throws IllegalArgumentException if the model is not a background upscaler
     * @throws ModelException if the catalogue file is a PyTorch checkpoint, or the repository cannot
     *     provide a verified file
     */
    public Builder backgroundModel(ModelSpec model, ModelRepository repository) {
      requireRole(model, repository, ModelRole.BACKGROUND_UPSCALER, "background upscaler");
      if (model.fileName().endsWith(".pth")) {
        throw new ModelException(model.name() + " is distributed as a PyTorch checkpoint (" + model.fileName()
            + "), which the inference backends cannot open: get it with ModelRepository.resolve, convert it with "
            + "'python3 models/convert/convert.py --arch " + model.name().toLowerCase(java.util.Locale.ROOT)
            + " --checkpoint " + model.fileName() + " --onnx " + model.fileName().replace(".pth", ".onnx")
            + "' and pass the .onnx file to backgroundModel(Path)");
      }
      return backgroundModel(repository.source(model));
    }

    /**
     * Sets realesr-general-x4v3's denoise strength, as Real-ESRGAN's {@code --denoise_strength}:
     * the background model's weights are interpolated when it is loaded with those of its
     * weak-denoise twin realesr-general-wdn-x4v3 (the same network; Real-ESRGAN's
     * {@code RealESRGANer.dni}): {@code w = strength w_general + (1 - strength) w_wdn}. 1 runs the
     * general model as it is (strong denoising, what gpen4j does without this call), 0 the
     * weak-denoise one (keeps noise and texture); Real-ESRGAN's CLI uses 0.5. Both models must be
     * ONNX files of the same graph (converted with {@code models/convert/convert.py --arch
     * realesr-general-x4v3}); the ONNX Runtime backend does the interpolation.
     *
     * @param weakDenoiseModel the converted realesr-general-wdn-x4v3 file
     * @param strength the denoise strength in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if the strength is outside [0, 1]
     */
    public Builder backgroundDenoise(Path weakDenoiseModel, double strength) {
      this.backgroundDenoise = new BackgroundDenoise(ModelSource.of(Objects.requireNonNull(weakDenoiseModel,
          "weakDenoiseModel")), strength);
      return this;
    }

    /**
     * Sets the background model's tile side, for a model with a free input size (a model with a
     * fixed input uses its own). Larger tiles run a little faster and hold more native memory:
     * RRDBNet x4 needs about 16 KB per tile pixel.
     *
     * @param pixels the tile side in input pixels; {@value BackgroundEnhancer#DEFAULT_TILE_SIZE} by default
     * @return this builder
     * @throws IllegalArgumentException if outside [{@value BackgroundEnhancer#MIN_TILE_SIZE},
     *     {@value BackgroundEnhancer#MAX_TILE_SIZE}]
     */
    public Builder backgroundTileSize(int pixels) {
      this.backgroundTileSize = BackgroundEnhancer.checkTileSize(pixels);
      return this;
    }

    /**
     * Sets the generator model file. Required. What it needs is taken from
     * {@link #generatorProfile(GeneratorProfile)}, else from the catalogue when the file is a known
     * public model (recognised by SHA-256), else from its file name as facefusion and Rope name
     * their exports ({@code gfpgan_1.4.onnx}, {@code codeformer.onnx},
     * {@code restoreformer_plus_plus.onnx}, {@code GFPGANv1.4.onnx}), else it is taken for a GPEN
     * generator, with a warning in the log.
     *
     * @param model an ONNX file (or a TorchScript file for the DJL PyTorch engine)
     * @return this builder
     */
    public Builder generator(Path model) {
      return generator(ModelSource.of(Objects.requireNonNull(model, "model")));
    }

    /**
     * Sets the generator model. Required. See {@link #generator(Path)} for how its needs are found.
     *
     * @param model where the model is
     * @return this builder
     */
    public Builder generator(ModelSource model) {
      this.generator = Objects.requireNonNull(model, "model");
      this.catalogueProfile = null;
      return this;
    }

    /**
     * Describes what the generator needs: its family, crop size, template, normalisation and
     * scalar inputs. Needed only for a file the catalogue does not know that is not a GPEN
     * generator, such as your own CodeFormer export:
     *
     * <pre>{@code
     * builder.generator(Path.of("my-codeformer.onnx"))
     *     .generatorProfile(GeneratorFamily.CODEFORMER.profile());
     * }</pre>
     *
     * The model is checked against it when the restorer is built; a template set with
     * {@link #template(AlignmentTemplate)} overrides the profile's.
     *
     * @param profile the profile
     * @return this builder
     */
    public Builder generatorProfile(GeneratorProfile profile) {
      this.generatorProfile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * Sets the alignment template the generator was trained with, overriding its profile's. By
     * default, the template of {@link #generatorProfile(GeneratorProfile)}, else the catalogue's
     * when the generator file is a known public model (recognised by SHA-256), else GPEN's own.
     *
     * @param template the template
     * @return this builder
     */
    public Builder template(AlignmentTemplate template) {
      this.template = Objects.requireNonNull(template, "template");
      return this;
    }

    /**
     * Sets the generator to a catalogue model, resolved (and downloaded, if the repository allows
     * it) through a model repository, with the model's profile (template, size, scalar inputs).
     *
     * @param model a restorer from {@link io.gpen4j.models.Models}
     * @param repository where to find it
     * @return this builder
     * @throws IllegalArgumentException if the model is not a restorer
     * @throws ModelException if the repository cannot provide a verified file
     */
    public Builder generator(ModelSpec model, ModelRepository repository) {
      requireRole(model, repository, ModelRole.RESTORER, "restorer");
      generator(repository.source(model));
      this.catalogueProfile = model.generatorProfile().orElseThrow();
      return this;
    }

    /** Checks a catalogue model and its repository before the model is resolved. */
    private static void requireRole(ModelSpec model, ModelRepository repository, ModelRole role, String what) {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(repository, "repository");
      if (model.role() != role) {
        throw new IllegalArgumentException(model.name() + " is a " + model.role() + ", not a " + what);
      }
    }

    /**
     * Sets a catalogue face detector, resolved through a model repository.
     *
     * @param model a detector from {@link io.gpen4j.models.Models}
     * @param repository where to find it
     * @return this builder
     * @throws IllegalArgumentException if the model is not a detector
     * @throws ModelException if the repository cannot provide a verified file
     */
    public Builder detector(ModelSpec model, ModelRepository repository) {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(repository, "repository");
      DetectorType type = model.detectorType().orElseThrow(
          () -> new IllegalArgumentException(model.name() + " is a " + model.role() + ", not a detector"));
      return detector(type, repository.resolve(model));
    }

    /**
     * Sets a built-in face detector and its model file. Without this or
     * {@link #faceDetector(FaceDetector)}, the YuNet 2023mar detector shipped inside gpen-core
     * (MIT licence) is used.
     *
     * @param type which detector the model is
     * @param model the detector's ONNX file
     * @return this builder
     */
    public Builder detector(DetectorType type, Path model) {
      this.detectorType = Objects.requireNonNull(type, "type");
      this.detectorModel = ModelSource.of(Objects.requireNonNull(model, "model"));
      this.faceDetector = null;
      return this;
    }

    /**
     * Sets a detector of your own instead of a built-in one. The restorer does not close it.
     *
     * @param detector a thread-safe detector
     * @return this builder
     */
    public Builder faceDetector(FaceDetector detector) {
      this.faceDetector = Objects.requireNonNull(detector, "detector");
      this.detectorType = null;
      this.detectorModel = null;
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
     * Sets how the generator runs (device, precision, threads). The detector uses the same
     * settings in FP32 unless {@link #detectorSettings(SessionSettings)} says otherwise.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder sessionSettings(SessionSettings settings) {
      this.sessionSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets how the detector runs, when it should differ from the generator (for example the
     * detector in FP32 while the generator runs in FP16).
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder detectorSettings(SessionSettings settings) {
      this.detectorSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets when a detector of your own ({@link #faceDetector(FaceDetector)}) is shown a shrunk
     * copy: images whose long side exceeds {@code threshold} are detected at a long side of
     * {@code size}; coordinates are mapped back so crops come from the full-resolution image.
     * Built-in detectors do not need it: they resample the full image straight into their
     * 640-pixel input in one pass.
     *
     * @param threshold the long side above which to shrink; 1500 by default
     * @param size the long side to shrink to; 1024 by default, not above {@code threshold}
     * @return this builder
     * @throws IllegalArgumentException if not positive or {@code size > threshold}
     */
    public Builder detectionDownscale(int threshold, int size) {
      if (threshold <= 0 || size <= 0 || size > threshold) {
        throw new IllegalArgumentException(
            "detection downscale needs 0 < size <= threshold: threshold=" + threshold + ", size=" + size);
      }
      this.detectionThreshold = threshold;
      this.detectionSize = size;
      return this;
    }

    /**
     * Sets the lowest score a built-in detector reports. {@link RestoreOptions#minScore()} then
     * filters per call, so it has no effect below this floor. The default depends on the detector:
     * 0.7 for YuNet (foliage in the Solvay photo scores 0.59 while every face there scores at
     * least 0.82), 0.5 for SCRFD and RetinaFace.
     *
     * @param score a score in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public Builder detectionScoreFloor(double score) {
      if (!(score >= 0 && score <= 1)) {
        throw new IllegalArgumentException("detectionScoreFloor must be in [0, 1]: " + score);
      }
      this.detectionScoreFloor = score;
      return this;
    }

    /**
     * Sets the largest image accepted, in pixels; larger ones are rejected from their header,
     * before any pixel memory is allocated.
     *
     * @param pixels the limit; 100 million by default
     * @return this builder
     * @throws IllegalArgumentException if not positive or above 536,870,909 (the most pixels one
     *     image can hold)
     */
    public Builder maxImagePixels(long pixels) {
      if (pixels <= 0 || pixels > ImageDecoder.MAX_SUPPORTED_PIXELS) {
        throw new IllegalArgumentException("maxImagePixels must be between 1 and "
            + ImageDecoder.MAX_SUPPORTED_PIXELS + ": " + pixels);
      }
      this.maxImagePixels = pixels;
      return this;
    }

    /**
     * Sets the most faces restored in one image, whatever {@link RestoreOptions#maxFaces()} asks:
     * when more are found, the largest are restored and the others left unchanged, with a warning
     * in the log. The cap is applied to the detector's list, before any crop is allocated.
     *
     * @param faces the cap; {@link #DEFAULT_MAX_FACES_PER_IMAGE} by default
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxFacesPerImage(int faces) {
      if (faces <= 0) {
        throw new IllegalArgumentException("maxFacesPerImage must be positive: " + faces);
      }
      this.maxFacesPerImage = faces;
      return this;
    }

    /**
     * Sets the memory that restores in flight on this restorer may hold together. Each restore's
     * peak is estimated from the image's header (pixels, upscale, model) before its pixels are
     * decoded; a restore that does not fit waits until others finish, and one that could never
     * fit fails with {@link ImageTooLargeException}.
     *
     * @param bytes the budget; by default 70% of the largest heap, at most half the machine's memory
     * @return this builder
     * @throws IllegalArgumentException if under 64 MB
     */
    public Builder memoryBudget(long bytes) {
      if (bytes < MIN_MEMORY_BUDGET) {
        throw new IllegalArgumentException("memoryBudget must be at least " + MIN_MEMORY_BUDGET
            + " bytes (64 MB): " + bytes);
      }
      this.memoryBudget = bytes;
      return this;
    }

    /**
     * Sets the most faces sent to the generator in one call. It applies to models whose image
     * input has a free batch dimension (what {@code models/convert} writes) or a fixed batch above
     * one; the official batch-1 exports run one call per face whatever is set here. The size used
     * is further bounded so that one call's crops take at most a quarter of the
     * {@link #memoryBudget(long) memory budget}. Results do not depend on it (within float
     * rounding). With TensorRT every call is padded to this size, so that one engine is built.
     *
     * @param faces the cap; {@link #DEFAULT_MAX_BATCH_SIZE} by default, 1 for one call per face
     * @return this builder
     * @throws IllegalArgumentException if not from 1 to 256
     */
    public Builder maxBatchSize(int faces) {
      if (faces < 1 || faces > MAX_BATCH_SIZE) {
        throw new IllegalArgumentException("maxBatchSize must be from 1 to " + MAX_BATCH_SIZE + ": " + faces);
      }
      this.maxBatchSize = faces;
      return this;
    }

    /**
     * Sets the clock used for stage timings; the system clock by default.
     *
     * @param ticker the clock
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets a face-parsing model, so faces can be pasted through a mask of the face itself instead
     * of the whole aligned square ({@link FaceMask}, {@link RestoreOptions.Builder#faceMask}): hair,
     * ears, background and whatever covers the face keep their original pixels. With a parser,
     * {@link FaceMask#AUTO} (the default) uses it. The model runs once per face on the restored
     * crop, through the same backend as the generator, in FP32 unless
     * {@link #detectorSettings(SessionSettings)} says otherwise.
     *
     * @param model a BiSeNet or ParseNet ONNX file: input {@code [1,3,512,512]}, output
     *     {@code [1,19,512,512]}
     * @param family which network it is; the class order and normalisation differ
     * @return this builder
     */
    public Builder faceParser(Path model, ParserFamily family) {
      return faceParser(ModelSource.of(Objects.requireNonNull(model, "model")), family);
    }

    /**
     * Sets a face-parsing model; see {@link #faceParser(Path, ParserFamily)}.
     *
     * @param model where the model is
     * @param family which network it is
     * @return this builder
     */
    public Builder faceParser(ModelSource model, ParserFamily family) {
      this.faceParser = Objects.requireNonNull(model, "model");
      this.parserFamily = Objects.requireNonNull(family, "family");
      return this;
    }

    /**
     * Sets a catalogue face-parsing model, resolved through a model repository; see
     * {@link #faceParser(Path, ParserFamily)}.
     *
     * @param model a face parser from {@link io.gpen4j.models.Models}
     * @param repository where to find it
     * @return this builder
     * @throws IllegalArgumentException if the model is not a face parser
     * @throws ModelException if the repository cannot provide a verified file
     */
    public Builder faceParser(ModelSpec model, ModelRepository repository) {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(repository, "repository");
      ParserFamily family = model.parserFamily().orElseThrow(
          () -> new IllegalArgumentException(model.name() + " is a " + model.role() + ", not a face parser"));
      return faceParser(repository.source(model), family);
    }

    /**
     * Finds the backend, opens and checks the models, and builds the restorer.
     *
     * @return a restorer that owns the sessions it opened
     * @throws IllegalStateException if no generator was set, or a background denoise strength
     *     without a background model
     * @throws ModelException if a model is missing, cannot be loaded, or does not fit its role
     * @throws BackendException if no backend is found or it cannot use the requested device
     */
    public FaceRestorer build() {
      if (generator == null) {
        throw new IllegalStateException("no generator model: call generator(Path) with a GPEN .onnx file");
      }
      if (backgroundDenoise != null && backgroundModel == null) {
        throw new IllegalStateException("backgroundDenoise needs a background model: set realesr-general-x4v3 "
            + "with backgroundModel(Path)");
      }
      PipelineSpec spec = new PipelineSpec(generator, template, detectorType, detectorModel, faceDetector,
          backendName, backend, sessionSettings, detectorSettings, detectionThreshold, detectionSize,
          detectionScoreFloor, maxImagePixels, maxFacesPerImage, ticker,
          generatorProfile != null ? generatorProfile : catalogueProfile, maxBatchSize, memoryBudget,
          faceParser, parserFamily, backgroundModel, backgroundTileSize, backgroundDenoise);
      return new FaceRestorer(PipelineFactory.assemble(spec), maxImagePixels, new MemoryBudget(memoryBudget));
    }
  }
}
