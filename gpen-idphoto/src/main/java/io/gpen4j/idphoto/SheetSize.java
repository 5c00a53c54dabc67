package io.gpen4j.idphoto;

import java.util.Locale;
import java.util.Objects;

/**
 * A sheet of photo paper that copies of an ID photo are printed on.
 *
 * @param name the name users pass ({@code --layout 6x4})
 * @param widthMm the sheet's width in mm (the longer side; the layout tries both orientations)
 * @param heightMm the sheet's height in mm
 * @param dpi the print resolution of the sheet's image
 */
public record SheetSize(String name, double widthMm, double heightMm, int dpi) {
  /** 6x4 inch (10x15 cm) photo paper at 300 dpi: 1800x1200 px. */
  public static final SheetSize SIX_BY_FOUR = new SheetSize("6x4", 152.4, 101.6, 300);
  /** 7x5 inch photo paper at 300 dpi: 2100x1500 px. */
  public static final SheetSize SEVEN_BY_FIVE = new SheetSize("7x5", 177.8, 127, 300);
  /** A4 paper at 300 dpi: 3508x2480 px. */
  public static final SheetSize A4 = new SheetSize("a4", 297, 210, 300);

  /**
   * Validates the sheet.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public SheetSize {
    Objects.requireNonNull(name, "name");
    if (!(widthMm > 0) || !(heightMm > 0) || dpi <= 0) {
      throw new IllegalArgumentException("sheet " + name + " needs a positive size and dpi");
    }
  }

  /**
   * Returns a known sheet by name: {@code 6x4}, {@code 7x5} or {@code a4} (also {@code 4x6},
   * {@code 5x7}), ignoring case.
   *
   * @param name the name
   * @return the sheet
   * @throws IllegalArgumentException if the name is not known; the message lists the names
   */
  public static SheetSize named(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "6x4", "4x6" -> SIX_BY_FOUR;
      case "7x5", "5x7" -> SEVEN_BY_FIVE;
      case "a4" -> A4;
      default -> throw new IllegalArgumentException("unknown sheet '" + name + "'; known sheets: 6x4, 7x5, a4");
    };
  }

  /** Returns the width in pixels. @return pixels at {@link #dpi()} */
  public int widthPx() {
    return (int) Math.round(widthMm / 25.4 * dpi);
  }

  /** Returns the height in pixels. @return pixels at {@link #dpi()} */
  public int heightPx() {
    return (int) Math.round(heightMm / 25.4 * dpi);
  }
}
