package io.gpen4j.internal.matting;

import io.gpen4j.RestorationException;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.ImageResize;
import io.gpen4j.internal.image.PlaneResize;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.pipeline.FaceParser;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The coarser fallback matte from a face parser, for when no matting model is configured: the
 * person is every pixel the parser gives any class but {@code background} (face, hair, hat, neck,
 * clothes...). Face parsers are trained on head-and-shoulders crops (CelebAMask-HQ), close to an
 * ID photo's framing, so the whole image is fed to it: scaled to fit the parser's square input,
 * centred, the rest of the square filled by repeating the image's edge pixels.
 *
 * <p>Coarser than a matting network: the parser decides per pixel at its input size (512), with
 * no partial alpha in hair; its hard mask is softened by the face-parsing paste mask's blur
 * ({@link io.gpen4j.internal.image.ParsingMask}, sigma {@code 4 sqrt 2} at 512) and resized back to
 * the image (bilinear when growing), so edges are a few pixels soft rather than following strands.
 *
 * <p>Thread-safe when the parser's session is; it does not own it.
 */
public final class ParsingMatting implements ImageMatting {
  private final FaceParser parser;
  private final int[] person;

  /**
   * Uses a face parser.
   *
   * @param parser the checked parser
   */
  public ParsingMatting(FaceParser parser) {
    this.parser = Objects.requireNonNull(parser, "parser");
    List<String> names = parser.family().classNames();
    this.person = IntStream.range(0, names.size()).filter(i -> !names.get(i).equals("background")).toArray();
  }

  @Override
  public float[] alpha(RgbaImage image) {
    int side = parser.inputSize();
    int width = image.width();
    int height = image.height();
    double scale = (double) side / Math.max(width, height);
    int cw = Math.max(1, Math.min(side, (int) Math.round(width * scale)));
    int ch = Math.max(1, Math.min(side, (int) Math.round(height * scale)));
    int x0 = (side - cw) / 2;
    int y0 = (side - ch) / 2;
    FloatImage square = squareInput(ImageResize.resize(image, cw, ch), side, x0, y0);
    FloatImage ones = FloatImage.create(side, side, 1);
    Arrays.fill(ones.data(), 1f);
    FloatImage mask = parser.mask(square, person, ones);
    if (mask == null) {
      throw new RestorationException("stage 'matte': face parser " + parser + " returned NaN or infinity");
    }
    FloatImage content = FloatImage.create(cw, ch, 1);
    for (int y = 0; y < ch; y++) {
      System.arraycopy(mask.data(), (y0 + y) * side + x0, content.data(), y * cw, cw);
    }
    return MattingModel.clampAll(PlaneResize.resize(content, width, height).data());
  }

  /** The image at (x0, y0) of a {@code side x side} RGB square in [0, 255], edges repeated outward. */
  private static FloatImage squareInput(RgbaImage small, int side, int x0, int y0) {
    FloatImage square = FloatImage.create(side, side, 3);
    float[] d = square.data();
    int[] px = small.pixels();
    int w = small.width();
    int h = small.height();
    int plane = side * side;
    for (int y = 0; y < side; y++) {
      int sy = Math.min(h - 1, Math.max(0, y - y0));
      for (int x = 0; x < side; x++) {
        int p = px[sy * w + Math.min(w - 1, Math.max(0, x - x0))];
        int i = y * side + x;
        d[i] = (p >> 16) & 0xFF;
        d[plane + i] = (p >> 8) & 0xFF;
        d[2 * plane + i] = p & 0xFF;
      }
    }
    return square;
  }

  @Override
  public String toString() {
    return "face parser " + parser + " as a coarse matte";
  }
}
