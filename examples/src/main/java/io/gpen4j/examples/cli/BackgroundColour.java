package io.gpen4j.examples.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The {@code --jpeg-background} value: a colour as six hex digits, with or without {@code #}. */
final class BackgroundColour {
  private BackgroundColour() {}

  /** Reads {@code ffffff}, {@code #FFFFFF}, {@code white} or {@code black}. */
  static final class Converter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      if (v.equals("white")) {
        return 0xFFFFFF;
      }
      if (v.equals("black")) {
        return 0x000000;
      }
      if (v.startsWith("#")) {
        v = v.substring(1);
      }
      if (!v.matches("[0-9a-f]{6}")) {
        throw new TypeConversionException("--jpeg-background must be six hex digits such as ffffff or #000000, "
            + "or white or black: '" + value + "'");
      }
      return Integer.parseInt(v, 16);
    }
  }
}
