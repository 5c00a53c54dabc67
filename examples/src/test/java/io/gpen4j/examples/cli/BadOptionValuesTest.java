package io.gpen4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.examples.Gpen4j;
import io.gpen4j.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad option value is a usage error: one {@code error:} line naming the option, the
 * "--help" hint, exit {@link Gpen4j#EXIT_USAGE}, no stack trace, and no model opened.
 */
final class BadOptionValuesTest {
  @TempDir Path temp;

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(List.of("--score-floor", "2"), "--score-floor must be between 0 and 1"),
        Arguments.of(List.of("--score-floor", "-0.5"), "--score-floor must be between 0 and 1"),
        Arguments.of(List.of("--parsing-family", "bisenet"), "--parsing-family needs --parsing-model"),
        Arguments.of(List.of("--background-tile", "5"), "--background-tile"),
        Arguments.of(List.of("--background-tile", "99999"), "--background-tile"),
        Arguments.of(List.of("--detector", "FOLDER"), "is a folder"),
        Arguments.of(List.of("--parsing-model", "FOLDER"), "is a folder"));
  }

  private List<String> withFolder(List<String> options) {
    return options.stream().map(o -> o.equals("FOLDER") ? temp.toString() : o).toList();
  }

  @ParameterizedTest(name = "restore {0}")
  @MethodSource("badValues")
  void restore_badValue_isOneLineUsageError(List<String> options, String expected) throws Exception {
    List<String> args = new ArrayList<>(List.of("restore", SharedData.image("astronaut.png").toString(),
        "-o", temp.resolve("out").toString(), "--model", SharedData.randomGpen256().toString()));
    args.addAll(withFolder(options));

    assertUsageError(CliRun.gpen4j(args.toArray(String[]::new)), expected);
    assertFalse(Files.exists(temp.resolve("out")), "nothing written");
  }

  @Test
  void restore_singlePassAndGuidedTiles_isOneLineUsageError() throws Exception {
    CliRun run = CliRun.gpen4j("restore", SharedData.image("astronaut.png").toString(), "-o",
        temp.resolve("out").toString(), "--model", SharedData.randomGpen256().toString(), "--single-pass",
        "--guided-tiles");

    assertUsageError(run, "--single-pass and --guided-tiles are different searches");
    assertFalse(Files.exists(temp.resolve("out")), "nothing written");
  }

  @ParameterizedTest(name = "web {0}")
  @MethodSource("badValues")
  void web_badValue_isOneLineUsageError(List<String> options, String expected) {
    List<String> args = new ArrayList<>(List.of("web", "--port", "0", "--host", "127.0.0.1",
        "--model", SharedData.randomGpen256().toString()));
    args.addAll(withFolder(options));

    assertUsageError(CliRun.gpen4j(args.toArray(String[]::new)), expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("folderAsModel")
  void modelOption_folder_saysFolder(String command) {
    List<String> args = new ArrayList<>(List.of(command));
    if (!command.equals("web")) {
      args.addAll(List.of(SharedData.image("astronaut.png").toString(), "-o", temp.resolve("out.png").toString()));
    }
    args.addAll(List.of("--model", temp.toString()));

    CliRun run = CliRun.gpen4j(args.toArray(String[]::new));

    assertUsageError(run, "--model " + temp + " is a folder");
  }

  static Stream<String> folderAsModel() {
    return Stream.of("restore", "web");
  }

  /** restore, video and web share one meaning: --jobs at once, --threads each one's threads. */
  @ParameterizedTest(name = "{0} {1} 0")
  @MethodSource("jobsAndThreads")
  void jobsOrThreads_zero_isOneLineUsageError(String command, String option) {
    List<String> args = new ArrayList<>(List.of(command));
    if (command.equals("web")) {
      args.addAll(List.of("--port", "0", "--host", "127.0.0.1"));
    } else {
      args.addAll(List.of(SharedData.image("astronaut.png").toString(), "-o",
          temp.resolve(command.equals("video") ? "out.mp4" : "out").toString()));
    }
    args.addAll(List.of("--model", SharedData.randomGpen256().toString(), option, "0"));

    assertUsageError(CliRun.gpen4j(args.toArray(String[]::new)), option);
  }

  static Stream<Arguments> jobsAndThreads() {
    return Stream.of("restore", "video", "web")
        .flatMap(c -> Stream.of(Arguments.of(c, "--jobs"), Arguments.of(c, "--threads")));
  }

  private static void assertUsageError(CliRun run, String expected) {
    assertEquals(Gpen4j.EXIT_USAGE, run.exitCode(), run.err());
    List<String> lines = run.err().lines().toList();
    assertEquals(2, lines.size(), "one error line and the --help hint: " + run.err());
    assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains(expected), run.err());
    assertTrue(lines.get(1).contains("--help"), run.err());
  }
}
