package io.gpen4j.idphoto;

import io.gpen4j.internal.image.ImageResize;
import io.gpen4j.internal.image.RgbaImage;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Copies of one ID photo laid out on a sheet of photo paper, with cut guides.
 *
 * <p>Layout: each copy keeps its printed size at the sheet's resolution. The grid is as many
 * columns and rows as fit, trying the sheet both ways round and with a {@value #GAP_MM} mm gap
 * between copies or none; the most copies win; on a tie the sheet as given (landscape), then the gap. The grid is
 * centred. Cut guides are 1 px grey lines along every copy's edges across the whole sheet, drawn
 * beneath the copies: they show in the gaps and margins, where the cuts go.
 *
 * @param image the sheet, opaque white with the copies; the record does not copy it
 * @param size the sheet it was laid out for
 * @param landscape whether the sheet's long side is horizontal
 * @param copies where each copy is, in the sheet's pixels, row by row
 */
public record PrintSheet(BufferedImage image, SheetSize size, boolean landscape, List<Rectangle> copies) {
  /** The gap between copies when it fits. */
  static final double GAP_MM = 2;
  /** The cut guides' colour. */
  static final int GUIDE = 0xA0A0A0;

  /**
   * Validates the sheet.
   *
   * @throws NullPointerException if an argument is null
   */
  public PrintSheet {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(size, "size");
    copies = List.copyOf(copies);
  }

  /**
   * Lays out copies of an ID photo.
   *
   * @param photo the photo
   * @param size the sheet
   * @return the sheet
   * @throws IdPhotoException if not one copy fits on the sheet
   */
  public static PrintSheet layout(IdPhoto photo, SheetSize size) {
    Objects.requireNonNull(photo, "photo");
    Objects.requireNonNull(size, "size");
    IdPhotoSpec spec = photo.spec();
    int pw = (int) Math.round(spec.widthMm() / 25.4 * size.dpi());
    int ph = (int) Math.round(spec.heightMm() / 25.4 * size.dpi());
    int gap = (int) Math.round(GAP_MM / 25.4 * size.dpi());
    Grid best = null;
    for (boolean landscape : new boolean[] {true, false}) {
      int sw = landscape ? size.widthPx() : size.heightPx();
      int sh = landscape ? size.heightPx() : size.widthPx();
      for (int g : new int[] {gap, 0}) {
        Grid grid = new Grid(landscape, sw, sh, g, Math.max(0, (sw + g) / (pw + g)), Math.max(0, (sh + g) / (ph + g)));
        if (best == null || grid.count() > best.count()) {
          best = grid;
        }
      }
    }
    if (best.count() == 0) {
      throw new IdPhotoException("a " + spec.widthMm() + "x" + spec.heightMm() + " mm photo does not fit on a "
          + size.name() + " sheet");
    }
    RgbaImage copy = RgbaImage.fromBufferedImage(photo.image());
    if (copy.width() != pw || copy.height() != ph) {
      copy = ImageResize.resize(copy, pw, ph);
    }
    int[] px = new int[best.width * best.height];
    java.util.Arrays.fill(px, 0xFFFFFFFF);
    int x0 = (best.width - (best.cols * (pw + best.gap) - best.gap)) / 2;
    int y0 = (best.height - (best.rows * (ph + best.gap) - best.gap)) / 2;
    List<Rectangle> copies = new ArrayList<>();
    for (int r = 0; r < best.rows; r++) {
      for (int c = 0; c < best.cols; c++) {
        copies.add(new Rectangle(x0 + c * (pw + best.gap), y0 + r * (ph + best.gap), pw, ph));
      }
    }
    for (Rectangle p : copies) {
      guides(px, best.width, best.height, p);
    }
    int[] src = copy.pixels();
    for (Rectangle p : copies) {
      for (int y = 0; y < ph; y++) {
        System.arraycopy(src, y * pw, px, (p.y + y) * best.width + p.x, pw);
      }
    }
    return new PrintSheet(RgbaImage.wrap(best.width, best.height, px, false).view(), size, best.landscape, copies);
  }

  /** Lines just outside each edge of a copy, across the sheet. */
  private static void guides(int[] px, int w, int h, Rectangle p) {
    int grey = 0xFF000000 | GUIDE;
    for (int x : new int[] {p.x - 1, p.x + p.width}) {
      if (x >= 0 && x < w) {
        for (int y = 0; y < h; y++) {
          px[y * w + x] = grey;
        }
      }
    }
    for (int y : new int[] {p.y - 1, p.y + p.height}) {
      if (y >= 0 && y < h) {
        for (int x = 0; x < w; x++) {
          px[y * w + x] = grey;
        }
      }
    }
  }

  private record Grid(boolean landscape, int width, int height, int gap, int cols, int rows) {
    int count() {
      return cols * rows;
    }
  }
}
