package io.gpen4j.internal.image;

import io.gpen4j.SimilarityTransform;
import io.gpen4j.Ticker;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Prints the numbers behind {@link PasteBackShrinkTest} and {@code RestoreOptions.smallFaceFilter}:
 * PSNR of the three round trips with the one-tap read and with the prefilter, the same with
 * official GPEN's small-face filter, and the paste time per face of both reads, side by side in
 * one run. Not a test; run from gpen-core after {@code mvn -o test-compile}:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.gpen4j.internal.image.PasteShrinkMeasurement
 * </pre>
 *
 * with {@code cp.txt} from {@code mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
final class PasteShrinkMeasurement {
  private PasteShrinkMeasurement() {}

  public static void main(String[] args) {
    List<String> images = List.of("astronaut.png", "grace_hopper.jpg");
    double[] shrinks = {1, 2, 3, 5};
    System.out.println("PSNR dB, mean over seeds 1-3 (min..max gain): one tap -> prefilter");
    for (String name : images) {
      RgbaImage image = PasteBackShrinkTest.image(name);
      for (double k : shrinks) {
        StringBuilder line = new StringBuilder(String.format("%-17s k=%.0f", name, k));
        for (int scenario = 0; scenario < 3; scenario++) {
          double before = 0;
          double after = 0;
          double minGain = Double.MAX_VALUE;
          double maxGain = -Double.MAX_VALUE;
          for (long seed = 1; seed <= 3; seed++) {
            PasteBackShrinkTest.RoundTrip trip = trip(scenario, image, k, seed);
            double b = trip.psnr(false);
            double a = trip.psnr(true);
            before += b / 3;
            after += a / 3;
            minGain = Math.min(minGain, a - b);
            maxGain = Math.max(maxGain, a - b);
          }
          line.append(String.format(" | %s %.2f -> %.2f (%+.2f..%+.2f)",
              new String[] {"original", "textured", "identity"}[scenario], before, after, minGain, maxGain));
        }
        System.out.println(line);
      }
    }

    System.out.println("\nSmall-face filter (3x3 binomial on the generator output), PSNR dB, mean over seeds 1-3:");
    for (String name : images) {
      RgbaImage image = PasteBackShrinkTest.image(name);
      for (double k : new double[] {2, 3, 5}) {
        StringBuilder line = new StringBuilder(String.format("%-17s k=%.0f", name, k));
        for (int scenario = 0; scenario < 3; scenario++) {
          double[] sums = new double[4];
          for (long seed = 1; seed <= 3; seed++) {
            PasteBackShrinkTest.RoundTrip trip = trip(scenario, image, k, seed);
            FacePatch p = trip.patch();
            PasteBackShrinkTest.RoundTrip blurred = new PasteBackShrinkTest.RoundTrip(trip.frame(),
                new FacePatch(BinomialFilter.apply(p.face()), p.mask(), p.frameToCrop()), trip.expected());
            sums[0] += trip.psnr(false) / 3;
            sums[1] += blurred.psnr(false) / 3;
            sums[2] += trip.psnr(true) / 3;
            sums[3] += blurred.psnr(true) / 3;
          }
          line.append(String.format(" | %s 1tap %.2f, 1tap+binomial %.2f, prefilter %.2f, prefilter+binomial %.2f",
              new String[] {"original", "textured", "identity"}[scenario], sums[0], sums[1], sums[2], sums[3]));
        }
        System.out.println(line);
      }
    }

    System.out.println("\nPaste time per face (astronaut, 512 crop, one face, median of 41 interleaved runs,"
        + " after a first pass that warms the JIT):");
    RgbaImage image = PasteBackShrinkTest.image("astronaut.png");
    for (double k : new double[] {5, 3, 1, 5, 3, 1}) {
      PasteBackShrinkTest.RoundTrip trip = PasteBackShrinkTest.identity(image, k, 1, 0);
      Function<Boolean, Long> run = prefilter -> {
        RgbaImage target = trip.frame().copy();
        long start = System.nanoTime();
        PasteBack.pasteInPlace(target, List.of(trip.patch()), 1.0, Ticker.system(), prefilter);
        return System.nanoTime() - start;
      };
      for (int i = 0; i < 30; i++) {
        run.apply(false);
        run.apply(true);
      }
      long[] before = new long[41];
      long[] after = new long[41];
      for (int i = 0; i < 41; i++) {
        before[i] = run.apply(false);
        after[i] = run.apply(true);
      }
      Arrays.sort(before);
      Arrays.sort(after);
      SimilarityTransform t = trip.patch().frameToCrop();
      int[] region = PasteBack.region(trip.patch(), image.width(), image.height());
      System.out.printf("k=%.0f region %dx%d: one tap %.3f ms, prefilter %.3f ms, ratio %.2f%n", t.scale(),
          region[2] - region[0] + 1, region[3] - region[1] + 1, before[20] / 1e6, after[20] / 1e6,
          (double) after[20] / before[20]);
    }
  }

  private static PasteBackShrinkTest.RoundTrip trip(int scenario, RgbaImage image, double k, long seed) {
    return switch (scenario) {
      case 0 -> PasteBackShrinkTest.shrunkOriginal(image, k, seed);
      case 1 -> PasteBackShrinkTest.identity(image, k, seed, 10);
      default -> PasteBackShrinkTest.identity(image, k, seed, 0);
    };
  }
}
