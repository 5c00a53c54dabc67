package io.gpen4j.bench;

import io.gpen4j.internal.image.ImageResize;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.pipeline.BackgroundEnhancer;
import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Time per input megapixel and peak RSS of the background stage ({@link BackgroundEnhancer}): one
 * super-resolution model on one photo size at one tile size and output scale. Run one JVM per
 * configuration, so each peak RSS is its own (from the shaded jar, see the README):
 *
 * <pre>{@code
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.BackgroundUpscaleReport \
 *     realesrgan-x2plus-randw.onnx 512x384 2 128 [RUNS]
 * }</pre>
 *
 * <p>The model is any ONNX file the stage accepts (the converter writes the Real-ESRGAN ones with
 * random weights: {@code models/convert/convert.py --arch realesrgan_x2plus --random-weights}). The
 * photo is the coffee photograph resized to the size asked for. A tile at least as large as the
 * photo's long side runs it in one piece. A warm-up on a 128x128 crop comes first (ONNX Runtime's
 * first run allocates its arena), then {@code RUNS} timed runs (default 2); the line gives the
 * median, the time per input megapixel and the process's peak RSS ({@code VmHWM}, model load and
 * the output image included).
 */
public final class BackgroundUpscaleReport {
  private BackgroundUpscaleReport() {}

  /**
   * Runs one configuration and prints one line.
   *
   * @param args {@code MODEL WIDTHxHEIGHT UPSCALE TILE [RUNS]}
   * @throws IOException if the photo cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      throw new IllegalArgumentException("usage: BackgroundUpscaleReport MODEL.onnx WIDTHxHEIGHT UPSCALE TILE [RUNS]");
    }
    Path model = Path.of(args[0]);
    String[] wh = args[1].toLowerCase(Locale.ROOT).split("x");
    int width = Integer.parseInt(wh[0]);
    int height = Integer.parseInt(wh[1]);
    int upscale = Integer.parseInt(args[2]);
    int tile = Integer.parseInt(args[3]);
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    RgbaImage coffee = RgbaImage.fromBufferedImage(ImageIO.read(BenchData.shared("images/no_face_coffee.png").toFile()));
    RgbaImage photo = ImageResize.resize(coffee, width, height);
    SessionSettings settings = SessionSettings.builder().intraOpThreads(Runtime.getRuntime().availableProcessors())
        .build();
    try (ModelSession session = new OnnxBackend().open(ModelSource.of(model), settings)) {
      BackgroundEnhancer enhancer = new BackgroundEnhancer(session, model.getFileName().toString(), tile);
      enhancer.enhance(ImageResize.resize(coffee, 128, 128), upscale);
      long[] nanos = new long[runs];
      int outWidth = 0;
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        outWidth = enhancer.enhance(photo, upscale).width();
        nanos[i] = System.nanoTime() - t0;
      }
      Arrays.sort(nanos);
      double megapixels = (double) width * height / 1e6;
      double median = nanos[runs / 2] / 1e9;
      System.out.printf(Locale.ROOT, "%s %s model x%d upscale %d tile %d: median %.2f s = %.1f s/MP (%d runs), "
              + "output %d px wide, peak RSS %d MB%n",
          model.getFileName(), args[1], enhancer.scale(), upscale, enhancer.tileSize(), median, median / megapixels,
          runs, outWidth, HostMemory.peakResidentBytes().orElse(-1) / (1 << 20));
    }
  }
}
