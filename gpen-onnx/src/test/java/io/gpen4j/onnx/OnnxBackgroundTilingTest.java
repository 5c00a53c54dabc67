package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.pipeline.BackgroundEnhancer;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.testing.Prerequisites;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RealESRGAN_x2plus in tiles: the network pixel-unshuffles its input by 2, so a tile that starts
 * on an odd column pairs other pixels than the untiled run does. Tiles start on the unshuffle grid
 * of the frame extended to even sides, so on odd-sized photos every tile size (odd ones included)
 * stays within 60 dB of the untiled result. The model is a random-weight RRDBNet x2 from the
 * converter (the real architecture, shortened to one block of 16 features to keep the test fast).
 */
final class OnnxBackgroundTilingTest {
  @TempDir static Path dir;
  private static ModelSession x2;

  @BeforeAll
  static void convert() {
    Optional<String> python = ConverterScript.findPython(dir);
    Prerequisites.require(python.isPresent(), "no python with torch and onnx");
    Path onnx = dir.resolve("rrdb-x2.onnx");
    ConverterScript.Result result = ConverterScript.convert(python.get(), List.of("--arch", "realesrgan_x2plus",
        "--random-weights", "--num-block", "1", "--num-feat", "16", "--num-grow-ch", "8", "--onnx", onnx.toString()),
        dir);
    assertEquals(0, result.exitCode(), result.output());
    x2 = new OnnxBackend().open(ModelSource.of(onnx), SessionSettings.DEFAULTS);
  }

  @AfterAll
  static void close() {
    if (x2 != null) {
      x2.close();
    }
  }

  /** A crop of a real photo of the given size. */
  private static RgbaImage photo(int width, int height) throws IOException {
    RgbaImage full = RgbaImage.fromBufferedImage(ImageIO.read(SharedData.image("grace_hopper.jpg").toFile()));
    int[] px = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        px[y * width + x] = full.argb(x % full.width(), y % full.height());
      }
    }
    return RgbaImage.wrap(width, height, px, false);
  }

  @ParameterizedTest
  @CsvSource({"301, 203", "513, 257"})
  void x2plus_oddSizedPhoto_everyTileSizeWithin60DbOfTheUntiledRun(int width, int height) throws IOException {
    RgbaImage photo = photo(width, height);
    BackgroundEnhancer whole = new BackgroundEnhancer(x2, "rrdb-x2", BackgroundEnhancer.MAX_TILE_SIZE);
    assertEquals(2, whole.scale());
    RgbaImage reference = whole.enhance(photo, 2);
    StringBuilder report = new StringBuilder();
    double worst = Double.POSITIVE_INFINITY;
    for (int tile : new int[] {96, 97, 131, 200, 255, 256, 257}) {
      RgbaImage tiled = new BackgroundEnhancer(x2, "rrdb-x2", tile).enhance(photo, 2);
      double psnr = psnr(reference, tiled);
      report.append(tile).append(": ").append(String.format(java.util.Locale.ROOT, "%.1f", psnr)).append(" dB; ");
      worst = Math.min(worst, psnr);
    }
    System.out.println(width + "x" + height + " tiled vs untiled: " + report);
    assertTrue(worst >= 60, "tiled vs untiled: " + report);
  }

  /** PSNR over the RGB channels; infinity for identical images. */
  static double psnr(RgbaImage a, RgbaImage b) {
    assertEquals(a.width(), b.width());
    assertEquals(a.height(), b.height());
    double sum = 0;
    int[] pa = a.pixels();
    int[] pb = b.pixels();
    for (int i = 0; i < pa.length; i++) {
      for (int shift = 0; shift < 24; shift += 8) {
        int d = (pa[i] >> shift & 0xFF) - (pb[i] >> shift & 0xFF);
        sum += d * d;
      }
    }
    double mse = sum / (3.0 * pa.length);
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }
}
