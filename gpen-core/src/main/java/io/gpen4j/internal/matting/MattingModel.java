package io.gpen4j.internal.matting;

import io.gpen4j.ModelException;
import io.gpen4j.RestorationException;
import io.gpen4j.internal.backend.SessionContract;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.ImageResize;
import io.gpen4j.internal.image.PlaneResize;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.models.MattingFamily;
import io.gpen4j.models.MattingInputSize;
import io.gpen4j.models.Normalization;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.util.Map;
import java.util.Objects;

/**
 * A portrait-matting network (MODNet and the like) run on a whole image: the image is resized to
 * the model's input size (the model's own when its height and width are fixed, else the family's
 * rule, {@link MattingInputSize}), normalised as the family says, and the model's one-channel matte
 * is clamped to [0, 1] and resized back to the image's size.
 *
 * <p>Resampling: both ways with the library's resampler in {@code AREA} mode, OpenCV's
 * {@code INTER_AREA} along an axis that shrinks and {@code INTER_LINEAR} along one that grows.
 * MODNet's ONNX demo ({@code onnx/inference_onnx.py}) uses {@code cv2.INTER_AREA} both ways, which
 * is the same when shrinking; when growing OpenCV's area mode is close to nearest-neighbour, and
 * bilinear is used here so the matte's edge stays smooth.
 *
 * <p>The model is checked when this is created: one input {@code [1, 3, H, W]} (batch 1 or free; H
 * and W both fixed or both free) and an output {@code [1, 1, H', W']} (the first one-channel rank-4
 * output). Thread-safe when its session is; it does not own the session.
 */
public final class MattingModel implements ImageMatting {
  private final ModelSession session;
  private final String modelName;
  private final MattingFamily family;
  private final String inputName;
  private final String outputName;
  private final MattingInputSize inputSize;

  /**
   * Checks a session against a matting family.
   *
   * @param session the model
   * @param modelName the model's name, for messages
   * @param family which network it is
   * @throws ModelException naming what the family needs, what the file has and the option that
   *     chose the model when they do not fit
   */
  public MattingModel(ModelSession session, String modelName, MattingFamily family) {
    this.session = Objects.requireNonNull(session, "session");
    this.modelName = Objects.requireNonNull(modelName, "modelName");
    this.family = Objects.requireNonNull(family, "family");
    SessionContract contract = new SessionContract(modelName, "expected a " + family + " portrait-matting model"
        + " (the model of MattingStage.of(model, MattingFamily." + family.name() + ")): one image input [1,3,H,W]"
        + " and an output [1,1,H,W], the alpha matte", session);
    TensorInfo in = contract.inputs(1).get(0);
    long[] s = in.shape();
    if (!SessionContract.isSingleRgbImage(in) || !(s[2] > 0 && s[3] > 0 || s[2] == -1 && s[3] == -1)) {
      throw contract.mismatch("input '" + in.name() + "' is " + in.shapeText()
          + ", not an RGB image [1,3,H,W] with both sides fixed or both free");
    }
    TensorInfo out = null;
    for (TensorInfo o : session.outputs()) {
      long[] os = o.shape();
      if (os.length == 4 && (os[0] == 1 || os[0] == -1) && os[1] == 1) {
        out = o;
        break;
      }
    }
    if (out == null) {
      throw contract.mismatch("no output is a one-channel matte [1,1,H,W]");
    }
    this.inputName = in.name();
    this.outputName = out.name();
    this.inputSize = s[2] > 0 ? MattingInputSize.fixed(Math.toIntExact(s[3]), Math.toIntExact(s[2]))
        : family.inputSize();
  }

  /**
   * Returns the size the model takes an image at.
   *
   * @param width the image width, positive
   * @param height the image height, positive
   * @return the input size for that image
   */
  public MattingInputSize inputSize(int width, int height) {
    return inputSize.forImage(width, height);
  }

  @Override
  public float[] alpha(RgbaImage image) {
    MattingInputSize size = inputSize(image.width(), image.height());
    int w = size.fixedWidth();
    int h = size.fixedHeight();
    RgbaImage input = ImageResize.resize(image, w, h);
    Tensor out = session.run(Map.of(inputName, toInput(input, family.normalization()))).get(outputName);
    if (out == null || out.rank() != 4 || out.dim(0) != 1 || out.dim(1) != 1 || out.dim(2) <= 0 || out.dim(3) <= 0) {
      throw new RestorationException("stage 'matte': model " + modelName + " returned "
          + (out == null ? "no output '" + outputName + "'" : out) + ", expected [1,1,H,W]");
    }
    float[] matte = out.toArray();
    for (int i = 0; i < matte.length; i++) {
      float a = matte[i];
      if (!Float.isFinite(a)) {
        throw new RestorationException("stage 'matte': model " + modelName + " returned " + a + " in its matte");
      }
      matte[i] = clamp(a);
    }
    FloatImage back = PlaneResize.resize(
        FloatImage.wrap(Math.toIntExact(out.dim(3)), Math.toIntExact(out.dim(2)), 1, matte),
        image.width(), image.height());
    return clampAll(back.data());
  }

  /** Clamps resampled alpha in place: interpolating values in [0, 1] stays there but for rounding. */
  static float[] clampAll(float[] alpha) {
    for (int i = 0; i < alpha.length; i++) {
      alpha[i] = clamp(alpha[i]);
    }
    return alpha;
  }

  /** The image as {@code [1, 3, H, W]} in the model's channel order and range; alpha is ignored. */
  static Tensor toInput(RgbaImage image, Normalization n) {
    int plane = image.width() * image.height();
    float[] data = new float[3 * plane];
    int[] px = image.pixels();
    for (int c = 0; c < 3; c++) {
      // Channel c of the model is red, green or blue of the pixel, per the channel order.
      int shift = 16 - 8 * (n.bgr() ? 2 - c : c);
      float mean = (float) n.mean(c);
      float inv = (float) (1.0 / n.std(c));
      for (int i = 0, o = c * plane; i < plane; i++) {
        data[o + i] = (((px[i] >> shift) & 0xFF) - mean) * inv;
      }
    }
    return Tensor.wrap(data, 1, 3, image.height(), image.width());
  }

  private static float clamp(float a) {
    return a < 0f ? 0f : (a > 1f ? 1f : a);
  }

  @Override
  public String toString() {
    return modelName + " (" + family + ", " + (inputSize.isFixed() ? inputSize.fixedWidth() + "x"
        + inputSize.fixedHeight() : "short side " + inputSize.referenceSide() + ", multiples of "
        + inputSize.multiple()) + ")";
  }
}
