package io.gpen4j.examples;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GpenException;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Restores the faces in one photo from the command line: the smallest useful entry point.
 *
 * <pre>
 * restore-photo INPUT OUTPUT --model GPEN.onnx --detector yunet.onnx
 *     [--detector-type yunet|scrfd|retinaface] [--only-largest] [--fidelity 0..1] [--upscale 1|2|4]
 *     [--no-color-match]
 * </pre>
 *
 * <p>Exit codes: 0 restored, 1 failed (the message says why), 64 bad usage.
 */
public final class RestorePhoto {
  private RestorePhoto() {}

  /**
   * Runs the command.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Deque<String> rest = new ArrayDeque<>(List.of(args));
    Path input = null;
    Path output = null;
    Path model = null;
    Path detector = null;
    DetectorType type = DetectorType.YUNET;
    RestoreOptions.Builder options = RestoreOptions.builder();
    try {
      while (!rest.isEmpty()) {
        String a = rest.pop();
        switch (a) {
          case "--model" -> model = Path.of(value(rest, a));
          case "--detector" -> detector = Path.of(value(rest, a));
          case "--detector-type" -> type = DetectorType.valueOf(value(rest, a).toUpperCase(Locale.ROOT));
          case "--only-largest" -> options.onlyLargestFace();
          case "--fidelity" -> options.fidelity(Double.parseDouble(value(rest, a)));
          case "--upscale" -> options.upscale(Integer.parseInt(value(rest, a)));
          case "--no-color-match" -> options.colorMatching(false);
          case "-h", "--help" -> {
            out.println(usage());
            return 0;
          }
          default -> {
            if (a.startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + a);
            } else if (input == null) {
              input = Path.of(a);
            } else if (output == null) {
              output = Path.of(a);
            } else {
              throw new IllegalArgumentException("unexpected argument " + a);
            }
          }
        }
      }
      if (input == null || output == null || model == null || detector == null) {
        throw new IllegalArgumentException("INPUT, OUTPUT, --model and --detector are required");
      }
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(usage());
      return 64;
    }
    if (!Files.isRegularFile(model)) {
      err.println("error: GPEN model not found: " + model.toAbsolutePath() + "\n"
          + "GPEN weights are licensed for non-commercial use only and are not bundled. Download\n"
          + "GPEN-BFR-512.onnx (or -256/-1024/-2048) yourself, after reading its licence, and pass\n"
          + "its path with --model. See models/README.md.");
      return 1;
    }
    try (FaceRestorer restorer = FaceRestorer.builder().generator(model).detector(type, detector).build()) {
      RestoreResult result = restorer.restore(input, output, options.build());
      out.printf(Locale.ROOT, "%s -> %s: %d face(s), %d ms (backend %s, model %dpx)%n",
          input, output, result.faces().size(), result.timings().total().toMillis(),
          restorer.backendName(), restorer.modelSize());
      for (RestoredFace f : result.faces()) {
        out.printf(Locale.ROOT, "  face at (%.0f, %.0f) %.0fx%.0f score %.2f%s%n",
            f.box().x(), f.box().y(), f.box().width(), f.box().height(), f.score(),
            f.enhanced() ? "" : " (kept: generator output unusable)");
      }
      return 0;
    } catch (GpenException | IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private static String value(Deque<String> rest, String option) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return rest.pop();
  }

  private static String usage() {
    return "usage: restore-photo INPUT OUTPUT --model GPEN.onnx --detector DETECTOR.onnx\n"
        + "         [--detector-type yunet|scrfd|retinaface] [--only-largest] [--fidelity 0..1]\n"
        + "         [--upscale 1|2|4] [--no-color-match]";
  }
}
