package io.gpen4j.examples.cli;

import static io.gpen4j.examples.cli.CliRun.gpen4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.gpen4j.examples.Gpen4j;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code gpen4j restore} in-process on real photos with the random-weight GPEN-256. */
final class RestoreCommandTest {
  @TempDir Path temp;

  private String[] restoreArgs(Path input, Path output, String... more) {
    List<String> args = new ArrayList<>(List.of("restore", input.toString(), "-o", output.toString(),
        "--model", SharedData.randomGpen256().toString(), "--detector", SharedData.yunet().toString(),
        "--json", "--progress", "plain"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private Path albumWithBrokenFiles() throws IOException {
    Path album = Files.createDirectories(temp.resolve("album"));
    Files.copy(SharedData.image("astronaut.png"), album.resolve("astronaut.png"));
    Files.copy(SharedData.image("grace_hopper.jpg"), album.resolve("grace_hopper.jpg"));
    Files.copy(SharedData.image("truncated.jpg"), album.resolve("truncated.jpg"));
    Files.writeString(album.resolve("notes.txt"), "not a photo\n", StandardCharsets.UTF_8);
    return album;
  }

  /** --guided-tiles selects the guided plan: the Solvay photo's 29 faces, as the full search finds them. */
  @Test
  void restore_guidedTiles_findsTheFacesOfTheFullSearch() throws IOException {
    Path photo = SharedData.image("solvay_conference_1927.png");

    CliRun guided = gpen4j(restoreArgs(photo, temp.resolve("guided"), "--guided-tiles"));
    CliRun full = gpen4j(restoreArgs(photo, temp.resolve("full")));

    assertEquals(0, guided.exitCode(), guided.err());
    assertEquals(0, full.exitCode(), full.err());
    assertEquals(29, full.json().getAsJsonObject("summary").get("faces").getAsInt());
    assertEquals(29, guided.json().getAsJsonObject("summary").get("faces").getAsInt());
  }

  @Test
  void restore_folderWithBrokenFiles_restoresTheRestAndResumesWithSkipExisting() throws IOException {
    Path album = albumWithBrokenFiles();
    Path out = temp.resolve("restored");

    CliRun first = gpen4j(restoreArgs(album, out, "--jobs", "2"));

    assertEquals(2, first.exitCode(), first.err());
    assertEquals(List.of("astronaut.png", "grace_hopper.png"), everythingUnder(out));
    assertEquals(512, ImageIO.read(out.resolve("astronaut.png").toFile()).getWidth());
    assertEquals(600, ImageIO.read(out.resolve("grace_hopper.png").toFile()).getHeight());
    JsonObject summary = first.json().getAsJsonObject("summary");
    assertEquals(2, summary.get("done").getAsInt());
    assertEquals(1, summary.get("failed").getAsInt());
    assertEquals(0, summary.get("skipped").getAsInt());
    assertEquals(2, summary.get("faces").getAsInt());
    Map<String, String> status = statusByLabel(first.json());
    // A corrupt photo fails; a file that is not an image at all (notes.txt) is skipped and named.
    assertEquals(Map.of("astronaut.png", "done", "grace_hopper.jpg", "done", "truncated.jpg", "failed"), status);
    assertTrue(first.err().contains("truncated.jpg"), first.err());
    assertTrue(first.err().contains("note: skipped 1 file: notes.txt (not images"), first.err());
    assertTrue(first.err().contains("Summary: done 2, skipped 0, failed 1, faces found 2"), first.err());

    Map<String, FileTime> before = modificationTimes(out);
    CliRun second = gpen4j(restoreArgs(album, out, "--skip-existing"));

    assertEquals(2, second.exitCode(), second.err());
    JsonObject again = second.json().getAsJsonObject("summary");
    assertEquals(0, again.get("done").getAsInt());
    assertEquals(2, again.get("skipped").getAsInt());
    assertEquals(before, modificationTimes(out));
    assertEquals(List.of("astronaut.png", "grace_hopper.png"), everythingUnder(out));
  }

  @Test
  void restore_outputExistsWithoutPolicy_failsThatFileAndKeepsIt() throws IOException {
    Path out = Files.createDirectories(temp.resolve("out"));
    Files.writeString(out.resolve("astronaut.png"), "mine");

    CliRun run = gpen4j(restoreArgs(SharedData.image("astronaut.png"), out));

    assertEquals(1, run.exitCode(), run.err());
    assertEquals("mine", Files.readString(out.resolve("astronaut.png")));
    assertTrue(run.err().contains("--overwrite"), run.err());
  }

  @Test
  void restore_recursiveJpgOutput_keepsRelativePathsAndStems() throws IOException {
    Path album = Files.createDirectories(temp.resolve("album/1975/summer"));
    Files.copy(SharedData.image("grace_hopper.jpg"), album.resolve("portrait.jpg"));
    Path out = temp.resolve("out");

    CliRun run = gpen4j(restoreArgs(temp.resolve("album"), out, "--recursive", "--format", "jpg",
        "--only-largest-face", "--fidelity", "0.5"));

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of("1975/summer/portrait.jpg"), everythingUnder(out));
  }

  @Test
  void restore_missingCatalogueModel_saysHowToGetIt() {
    CliRun run = gpen4j("restore", SharedData.image("astronaut.png").toString(), "-o", temp.resolve("out").toString(),
        "--models-dir", temp.toString());

    assertEquals(1, run.exitCode());
    for (String expected : List.of("GPEN-BFR-512", "non-commercial", "--allow-download --accept-license",
        "GPEN-BFR-512.onnx", temp.resolve("GPEN-BFR-512.onnx").toString(), "https://github.com/yangxy/GPEN")) {
      assertTrue(run.err().contains(expected), "missing '" + expected + "' in:\n" + run.err());
    }
    assertTrue(Files.notExists(temp.resolve("out")), "nothing is written when the model is missing");
  }

  @Test
  void restore_missingBackgroundModel_saysHowToGetIt_badTileFails() {
    String[] common = {"restore", SharedData.image("astronaut.png").toString(), "-o", temp.resolve("out").toString(),
        "--model", SharedData.randomGpen256().toString(), "--detector", SharedData.yunet().toString(),
        "--models-dir", temp.toString()};
    CliRun missing = gpen4j(concat(common, "--background-model", "RealESRGAN_x2plus"));
    CliRun badTile = gpen4j(concat(common, "--background-model", "RealESRGAN_x2plus", "--background-tile", "50"));

    assertEquals(1, missing.exitCode());
    for (String expected : List.of("RealESRGAN_x2plus", "--background-model", "--allow-download",
        temp.resolve("RealESRGAN_x2plus.pth").toString())) {
      assertTrue(missing.err().contains(expected), "missing '" + expected + "' in:\n" + missing.err());
    }
    assertTrue(badTile.exitCode() != 0);
    assertTrue(badTile.err().contains("background tile size must be from 96 to 2048 px: 50"), badTile.err());
    assertTrue(Files.notExists(temp.resolve("out")), "nothing is written when the model is missing");
  }

  private static String[] concat(String[] first, String... more) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void restore_badOption_exitsWithUsageCode() {
    CliRun run = gpen4j("restore", "x.jpg", "-o", temp.toString(), "--upscale", "3");

    assertEquals(Gpen4j.EXIT_USAGE, run.exitCode());
    assertTrue(run.err().contains("upscale must be 1, 2 or 4"), run.err());
  }

  private static List<String> everythingUnder(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      // Every file and folder, hidden ones included: a leftover temporary file would show here.
      return all.filter(p -> !p.equals(dir))
          .filter(p -> !Files.isDirectory(p) || isEmptyDirectory(p))
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  private static boolean isEmptyDirectory(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, FileTime> modificationTimes(Path dir) throws IOException {
    Map<String, FileTime> times = new TreeMap<>();
    for (String name : everythingUnder(dir)) {
      times.put(name, Files.getLastModifiedTime(dir.resolve(name)));
    }
    return times;
  }

  private static Map<String, String> statusByLabel(JsonObject report) {
    Map<String, String> status = new TreeMap<>();
    JsonArray files = report.getAsJsonArray("files");
    files.forEach(f -> status.put(f.getAsJsonObject().get("label").getAsString(),
        f.getAsJsonObject().get("status").getAsString()));
    return status;
  }
}
