package io.gpen4j.examples.cli;

import static io.gpen4j.examples.cli.CliRun.gpen4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --parsing-model}, {@code --face-mask} and {@code --mask-hair}. */
final class ParsingMaskOptionTest {
  @TempDir Path temp;

  private static String testModel(String name) {
    return Paths.get(System.getProperty("gpen4j.repo", ".."), "models", "test", name)
        .toAbsolutePath().normalize().toString();
  }

  private CliRun restore(String outFolder, String... extra) {
    String[] base = {"restore", SharedData.image("grace_hopper.jpg").toString(), "-o", temp.resolve(outFolder).toString(),
        "--model", testModel("conv-256.onnx"), "--detector", SharedData.yunet().toString(), "--progress", "plain",
        "--no-color-match"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return gpen4j(all);
  }

  private static int differingPixels(BufferedImage a, BufferedImage b) {
    int n = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        n += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void restore_parsingModel_changesFewerPixelsThanTheSquareAndHairAddsSome() throws IOException {
    String parser = testModel("parser-blocks-512.onnx");
    CliRun square = restore("square");
    CliRun parsing = restore("parsing", "--parsing-model", parser);
    CliRun hair = restore("hair", "--parsing-model", parser, "--parsing-family", "BISENET", "--mask-hair");
    assertEquals(0, square.exitCode(), square.err());
    assertEquals(0, parsing.exitCode(), parsing.err());
    assertEquals(0, hair.exitCode(), hair.err());

    BufferedImage input = ImageIO.read(SharedData.image("grace_hopper.jpg").toFile());
    // Written losslessly (PNG), so every differing pixel was pasted.
    int changedSquare = differingPixels(input, ImageIO.read(temp.resolve("square/grace_hopper.png").toFile()));
    int changedParsing = differingPixels(input, ImageIO.read(temp.resolve("parsing/grace_hopper.png").toFile()));
    int changedHair = differingPixels(input, ImageIO.read(temp.resolve("hair/grace_hopper.png").toFile()));
    assertTrue(changedParsing < changedHair && changedHair < changedSquare,
        "changed pixels: parsing " + changedParsing + ", with hair " + changedHair + ", square " + changedSquare);
  }

  @Test
  void restore_parsingMaskWithoutParsingModel_failsNamingTheOption() {
    CliRun run = restore("out", "--face-mask", "PARSING");
    assertEquals(1, run.exitCode(), run.err());
    // The batch reports each file's failure in its summary.
    assertTrue((run.out() + run.err()).contains("configure one with --parsing-model"), run.out() + run.err());
  }

  @Test
  void restore_unknownParsingModelName_listsTheCatalogueParsers() {
    CliRun run = restore("out", "--parsing-model", "BiSeNet");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("--parsing-model BiSeNet") && run.err().contains("the catalogue has BiSeNet-ResNet18"),
        run.err());
  }
}
