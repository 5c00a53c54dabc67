package io.gpen4j.internal.pipeline;

import io.gpen4j.ModelException;
import io.gpen4j.RestorationException;
import io.gpen4j.internal.backend.SessionContract;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.ImageResize;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.image.TiledUpscale;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background stage: runs an image-to-image super-resolution model (Real-ESRGAN's RRDBNet,
 * SRVGGNetCompact, or any model with one image input {@code [1,3,H,W]} in RGB [0, 1] and one output
 * {@code [1,3,sH,sW]}) over the whole frame in blended tiles ({@link TiledUpscale}), so faces are
 * then pasted on an enhanced background instead of a resized one.
 *
 * <p>The scale s (1, 2 or 4) is read from the model: from its static shapes, else by one run on a
 * small probe tile when it is opened; that run also rejects a model whose output is not finite.
 * When the output scale asked for differs from s, the model's output is resized to it, as
 * Real-ESRGAN's {@code outscale} does. A tile whose output is not finite at run time makes the
 * whole frame fall back to the plain resize, with a warning.
 *
 * <p>Thread-safe when its session is; it does not own the session.
 */
public final class BackgroundEnhancer {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundEnhancer.class);

  /**
   * The default tile side, in input pixels: the overlap costs 31% extra work, and RRDBNet x4 (the
   * heaviest) keeps a modest peak RSS (measured: gpen-bench README, "Background
   * super-resolution").
   */
  public static final int DEFAULT_TILE_SIZE = 256;
  /** The smallest tile side accepted. */
  public static final int MIN_TILE_SIZE = 96;
  /** The largest tile side accepted. */
  public static final int MAX_TILE_SIZE = 2048;
  /** Input pixels neighbouring tiles share. */
  static final int OVERLAP = 32;
  /** Input pixels along a cut whose output is discarded (the official code crops 10). */
  static final int PAD = 10;
  /**
   * The pixel-unshuffle factor of a model of this scale, which tiles keep to: Real-ESRGAN's RRDBNet
   * unshuffles by 2 at x2 and by 4 at x1, not at x4 ({@code RealESRGANer.pre_process}'s
   * {@code mod_scale}).
   */
  static int unshuffleFactor(int scale) {
    return scale == 2 ? 2 : scale == 1 ? 4 : 1;
  }
  /** The probe tile's side for a dynamic model. */
  static final int PROBE_SIZE = 32;

  private final ModelSession session;
  private final String modelName;
  private final String inputName;
  private final String outputName;
  private final int scale;
  private final TiledUpscale.Layout layout;

  /**
   * Checks a session and reads its scale.
   *
   * @param session the model
   * @param modelName the model's name, for messages
   * @param tileSize the tile side for a model with a dynamic input; a model with a fixed input
   *     uses its own size
   * @throws ModelException if the model's inputs, outputs or scale do not fit, or its probe output
   *     is not finite
   * @throws IllegalArgumentException if the tile size is outside
   *     [{@value #MIN_TILE_SIZE}, {@value #MAX_TILE_SIZE}]
   */
  public BackgroundEnhancer(ModelSession session, String modelName, int tileSize) {
    this.session = Objects.requireNonNull(session, "session");
    this.modelName = Objects.requireNonNull(modelName, "modelName");
    checkTileSize(tileSize);
    List<TensorInfo> inputs = session.inputs();
    List<TensorInfo> outputs = session.outputs();
    String has = "; the file has inputs " + inputs + " and outputs " + outputs;
    SessionContract contract = new SessionContract(modelName, expected(), session);
    if (inputs.size() != 1 || outputs.isEmpty()) {
      throw contract.mismatch("");
    }
    long[] in = inputs.get(0).shape();
    long[] out = outputs.get(0).shape();
    if (!SessionContract.isSingleRgbImage(inputs.get(0)) || out.length != 4 || (out[1] != 3 && out[1] != -1)) {
      throw contract.mismatch("");
    }
    boolean fixed = in[2] > 0 && in[3] > 0;
    if (fixed && in[2] != in[3]) {
      throw new ModelException(modelName + ": a fixed input must be square, got " + inputs.get(0).shapeText() + has);
    }
    this.inputName = inputs.get(0).name();
    this.outputName = outputs.get(0).name();
    int side = fixed ? Math.toIntExact(in[2]) : PROBE_SIZE;
    if (fixed && side <= 2 * OVERLAP) {
      throw new ModelException(modelName + ": its fixed " + side + "x" + side + " input is too small to tile with a "
          + OVERLAP + " px overlap" + has);
    }
    if (fixed && out[2] > 0 && out[3] > 0) {
      this.scale = scaleOf(out[2], out[3], side, has);
    } else {
      this.scale = probe(side, has);
    }
    if (fixed && side != tileSize) {
      LOG.info("{} takes {}x{} tiles only; using that instead of the tile size {}", modelName, side, side, tileSize);
    }
    this.layout = new TiledUpscale.Layout(fixed ? side : tileSize, OVERLAP, PAD, fixed, unshuffleFactor(scale));
  }

  /**
   * Checks a tile size.
   *
   * @param tileSize the size
   * @return the size
   * @throws IllegalArgumentException if outside [{@value #MIN_TILE_SIZE}, {@value #MAX_TILE_SIZE}]
   */
  public static int checkTileSize(int tileSize) {
    if (tileSize < MIN_TILE_SIZE || tileSize > MAX_TILE_SIZE) {
      throw new IllegalArgumentException("background tile size must be from " + MIN_TILE_SIZE + " to "
          + MAX_TILE_SIZE + " px: " + tileSize);
    }
    return tileSize;
  }

  private String expected() {
    return "expected a super-resolution model: one image input [1,3,H,W] (RGB in [0, 1]; H and W free, or "
        + "fixed and equal) and an output [1,3,sH,sW] with s = 1, 2 or 4";
  }

  private int scaleOf(long outH, long outW, int side, String has) {
    if (outH % side != 0 || outW % side != 0 || outH != outW) {
      throw new ModelException(modelName + ": a " + side + "x" + side + " input gives a " + outW + "x" + outH
          + " output, not a whole scale of it; " + expected() + has);
    }
    long s = outH / side;
    if (s != 1 && s != 2 && s != 4) {
      throw new ModelException(modelName + ": scale " + s + " is not supported; " + expected() + has);
    }
    return (int) s;
  }

  /** Runs the model once on a small mid-grey ramp to read its scale and check its output is finite. */
  private int probe(int side, String has) {
    float[] data = new float[3 * side * side];
    for (int i = 0; i < data.length; i++) {
      data[i] = 0.25f + 0.5f * (i % side) / side;
    }
    Tensor out;
    try {
      out = session.run(Map.of(inputName, Tensor.wrap(data, 1, 3, side, side))).get(outputName);
    } catch (RuntimeException e) {
      throw new ModelException(modelName + ": the probe run on a " + side + "x" + side + " tile failed: "
          + e.getMessage() + "; " + expected() + has, e);
    }
    if (out == null || out.rank() != 4 || out.dim(0) != 1 || out.dim(1) != 3) {
      throw new ModelException(modelName + ": the probe run returned " + out + "; " + expected() + has);
    }
    int s = scaleOf(out.dim(2), out.dim(3), side, has);
    if (!allFinite(out)) {
      throw new ModelException(modelName + ": the probe run returned NaN or infinite values; the weights are broken");
    }
    return s;
  }

  private static boolean allFinite(Tensor t) {
    java.nio.FloatBuffer b = t.buffer();
    for (int i = 0, n = b.remaining(); i < n; i++) {
      if (!Float.isFinite(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Returns the model's scale. @return 1, 2 or 4 */
  public int scale() {
    return scale;
  }

  /** Returns the tile side in use. @return input pixels */
  public int tileSize() {
    return layout.tileSize();
  }

  /** Returns the model's name. @return the name given at construction */
  public String modelName() {
    return modelName;
  }

  /**
   * Enhances a frame and brings it to the output scale.
   *
   * @param frame the decoded input; not modified
   * @param upscale the output scale (1, 2 or 4)
   * @return a new image {@code upscale} times the frame's size: the model's output, resized when
   *     its scale differs; the frame plainly resized when the model's output was not finite
   * @throws RestorationException if a model run fails or returns the wrong shape
   */
  public RgbaImage enhance(RgbaImage frame, int upscale) {
    int w = frame.width() * upscale;
    int h = frame.height() * upscale;
    RgbaImage up = TiledUpscale.upscale(frame, scale, layout, this::runTile);
    if (up == null) {
      LOG.warn("stage 'background': model {} returned NaN or infinite values; keeping the resized original "
          + "background", modelName);
      return upscale == 1 ? frame.copy() : ImageResize.resize(frame, w, h);
    }
    return up.width() == w && up.height() == h ? up : ImageResize.resize(up, w, h);
  }

  /**
   * Returns the model as {@link TiledUpscale} runs it: [0, 255] planar RGB tiles in, out at the
   * model's scale, null for output that is not finite.
   *
   * @return the tile model
   */
  public TiledUpscale.TileModel tileModel() {
    return this::runTile;
  }

  private FloatImage runTile(FloatImage tile) {
    int tw = tile.width();
    int th = tile.height();
    float[] in = tile.data().clone();
    for (int i = 0; i < in.length; i++) {
      in[i] *= 1f / 255f;
    }
    Tensor out = session.run(Map.of(inputName, Tensor.wrap(in, 1, 3, th, tw))).get(outputName);
    if (out == null || out.rank() != 4 || out.dim(1) != 3 || out.dim(2) != (long) th * scale
        || out.dim(3) != (long) tw * scale) {
      throw new RestorationException("stage 'background': model " + modelName + " returned "
          + (out == null ? "no output '" + outputName + "'" : out) + ", expected [1,3," + th * scale + ","
          + tw * scale + "]");
    }
    float[] v = out.toArray();
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        return null;
      }
      v[i] *= 255f;
    }
    return FloatImage.wrap(tw * scale, th * scale, 3, v);
  }

  /**
   * Estimates this stage's own memory for one frame, beyond the output canvas the paste stage
   * holds anyway: the model's scale of output before it is resized to the requested one, the
   * resized alpha, and one tile's tensors.
   *
   * @param width the input's width
   * @param height the input's height
   * @param upscale the output scale
   * @return bytes
   */
  public long peakBytes(int width, int height, int upscale) {
    long pixels = (long) width * height;
    long modelOutput = scale == upscale ? 0 : 4 * pixels * scale * scale;
    long alpha = 4 * pixels * upscale * upscale;
    long tile = (long) layout.tileSize() * layout.tileSize();
    // Tile floats in, normalised copy, output tensor, its copy and the scaled tile: 3 channels of 4 bytes.
    long tiles = 12 * tile * (2 + 3L * scale * scale);
    return modelOutput + alpha + tiles;
  }
}
