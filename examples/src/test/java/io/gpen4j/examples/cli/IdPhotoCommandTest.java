package io.gpen4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.gpen4j.internal.io.PrintResolution;
import io.gpen4j.testing.CheckedInModels;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code gpen4j idphoto} with the identity generator, YuNet and the chroma-key stand-in matting
 * model, on the astronaut cut out onto a green screen.
 */
final class IdPhotoCommandTest {
  @TempDir static Path dir;
  private static Path portrait;

  /** The astronaut at 1.3x inside an ellipse (hair and face) and her shoulders, on pure green. */
  @BeforeAll
  static void portrait() throws Exception {
    BufferedImage astronaut = ImageIO.read(SharedData.image("astronaut.png").toFile());
    double s = 1.3;
    int w = 780;
    int h = 760;
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double u = (x - 100) / s;
        double v = (y - 60) / s + 12;
        double ex = (u - 226) / 74;
        double ey = (v - 100) / 88;
        boolean person = u >= 0 && u < 512 && v >= 0 && v < 512
            && (ex * ex + ey * ey <= 1 || (v >= 160 && u >= 180 && u <= 275) || (v >= 230 && u >= 60 && u <= 400));
        image.setRGB(x, y, person ? astronaut.getRGB((int) u, (int) v) : 0x00FF00);
      }
    }
    portrait = dir.resolve("portrait.png");
    ImageIO.write(image, "png", portrait.toFile());
  }

  private static String[] args(String... more) {
    String[] base = {"idphoto", "--model", CheckedInModels.path("identity-256.onnx").toString(),
        "--detector", SharedData.yunet().toString(), "--matting-model",
        CheckedInModels.path("chroma-key-matte.onnx").toString()};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void idphoto_writesThePhotoTheSheetAndTheReport() throws Exception {
    Path out = dir.resolve("us.jpg");
    CliRun run = CliRun.gpen4j(args(portrait.toString(), "-o", out.toString(), "--spec", "us-passport",
        "--background", "white", "--layout", "6x4", "--max-kb", "40", "--json"));
    assertEquals(0, run.exitCode(), run.err());
    BufferedImage photo = ImageIO.read(out.toFile());
    assertEquals(600, photo.getWidth());
    assertEquals(600, photo.getHeight());
    assertEquals(300, PrintResolution.read(out));
    assertTrue(Files.size(out) <= 40_000, Files.size(out) + " bytes");
    Path sheet = dir.resolve("us-6x4.jpg");
    assertEquals(300, PrintResolution.read(sheet));
    assertEquals(1800, ImageIO.read(sheet.toFile()).getWidth());
    JsonObject json = run.json();
    JsonObject report = json.getAsJsonObject("report");
    assertTrue(report.get("passed").getAsBoolean(), run.out());
    assertEquals("us-passport", report.get("spec").getAsString());
    assertEquals(Files.size(out), json.get("bytes").getAsLong());
    assertTrue(run.err().contains("ok   headHeight"), run.err());
    assertTrue(run.err().contains("6 copies"), run.err());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "--spec mars | unknown ID-photo spec 'mars'; known specs: cn-1inch",
    "--spec us-passport --background teal | --background must be white, blue, red or #RRGGBB: 'teal'",
    "--spec us-passport --layout 9x13 | unknown sheet '9x13'; known sheets: 6x4, 7x5, a4",
    "--spec us-passport --max-kb 0 | --max-kb must be positive: 0",
  })
  void idphoto_badOptions_areUsageErrors(String options, String message) {
    String[] extra = options.trim().split(" ");
    String[] all = new String[extra.length + 3];
    all[0] = portrait.toString();
    all[1] = "-o";
    all[2] = dir.resolve("bad.jpg").toString();
    System.arraycopy(extra, 0, all, 3, extra.length);
    CliRun run = CliRun.gpen4j(args(all));
    assertEquals(64, run.exitCode(), run.err());
    assertTrue(run.err().contains(message.trim()), run.err());
    assertFalse(Files.exists(dir.resolve("bad.jpg")));
  }

  @Test
  void idphoto_bmpOutput_isAUsageError() {
    CliRun run = CliRun.gpen4j(args(portrait.toString(), "-o", dir.resolve("x.bmp").toString(), "--spec", "cn-1inch"));
    assertEquals(64, run.exitCode(), run.err());
    assertTrue(run.err().contains("an ID photo is written as .jpg or .png"), run.err());
  }

  @Test
  void idphoto_noFace_failsWithTheReason() {
    Path out = dir.resolve("none.png");
    CliRun run = CliRun.gpen4j(args(SharedData.image("no_face_coffee.png").toString(), "-o", out.toString(),
        "--spec", "cn-1inch"));
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("error: no face found in the photo"), run.err());
    assertFalse(Files.exists(out));
  }
}
