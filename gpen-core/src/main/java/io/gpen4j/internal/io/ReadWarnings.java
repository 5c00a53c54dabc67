package io.gpen4j.internal.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Collects the warnings an {@link ImageReader} reports while decoding, and tells truncation apart
 * from harmless oddities.
 *
 * <p>Why: a JPEG cut short does not make the JDK's or TwelveMonkeys' reader throw; it returns an
 * image whose missing part is grey and reports only warnings ("Truncated File - Missing EOI
 * marker", libjpeg's "Corrupt JPEG data: premature end of data segment"). Those must fail the
 * decode. Other warnings (such as libjpeg's "extraneous bytes before marker", common in camera
 * files that display fine everywhere) are only logged.
 *
 * <p>Not thread-safe: one instance per decode.
 */
final class ReadWarnings implements IIOReadWarningListener {
  /** Lower-case fragments of the warnings readers give when the data ends early. */
  private static final List<String> TRUNCATION_SIGNS =
      List.of("truncat", "premature end", "missing eoi", "unexpected end", "end of file", "eof");

  private final List<String> warnings = new ArrayList<>();

  @Override
  public void warningOccurred(ImageReader source, String warning) {
    if (warning != null && !warnings.contains(warning)) {
      warnings.add(warning);
    }
  }

  /** Returns the distinct warnings in the order they came. @return an unmodifiable copy */
  List<String> all() {
    return List.copyOf(warnings);
  }

  /** Returns the first warning that says the data ended early. @return the warning, if any */
  Optional<String> truncation() {
    for (String w : warnings) {
      String lower = w.toLowerCase(Locale.ROOT);
      for (String sign : TRUNCATION_SIGNS) {
        if (lower.contains(sign)) {
          return Optional.of(w);
        }
      }
    }
    return Optional.empty();
  }
}
