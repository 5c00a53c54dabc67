package io.gpen4j.idphoto;

import java.util.Locale;

/**
 * The plain colour an ID photo's background is replaced with.
 *
 * <p>The named colours are the ones Chinese photo studios and ID-photo tools use for the three
 * usual backgrounds: white {@code #FFFFFF}, blue {@code #438EDB} and red {@code #FF0000}.
 *
 * @param rgb the colour, {@code 0xRRGGBB}
 */
public record BackgroundColor(int rgb) {
  /** White, {@code #FFFFFF}. */
  public static final BackgroundColor WHITE = new BackgroundColor(0xFFFFFF);
  /** The usual ID-photo blue, {@code #438EDB}. */
  public static final BackgroundColor BLUE = new BackgroundColor(0x438EDB);
  /** The usual ID-photo red, {@code #FF0000}. */
  public static final BackgroundColor RED = new BackgroundColor(0xFF0000);

  /**
   * Validates the colour.
   *
   * @throws IllegalArgumentException if it has bits above 24
   */
  public BackgroundColor {
    if ((rgb & 0xFF000000) != 0) {
      throw new IllegalArgumentException("background colour must be 0xRRGGBB: " + Integer.toHexString(rgb));
    }
  }

  /**
   * Reads {@code white}, {@code blue}, {@code red} or a colour as {@code #RRGGBB} (the {@code #}
   * optional).
   *
   * @param text the colour
   * @return the colour
   * @throws IllegalArgumentException if the text is none of these; the message says what is accepted
   */
  public static BackgroundColor parse(String text) {
    String v = text.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "white":
        return WHITE;
      case "blue":
        return BLUE;
      case "red":
        return RED;
      default:
        break;
    }
    String hex = v.startsWith("#") ? v.substring(1) : v;
    if (!hex.matches("[0-9a-f]{6}")) {
      throw new IllegalArgumentException("background must be white, blue, red or #RRGGBB: '" + text + "'");
    }
    return new BackgroundColor(Integer.parseInt(hex, 16));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "#%06X", rgb);
  }
}
