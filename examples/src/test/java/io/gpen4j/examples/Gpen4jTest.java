package io.gpen4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.backend.BackendLocator;
import io.gpen4j.spi.InferenceBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class Gpen4jTest {
  @Test
  void version_onEveryCommand_printsTheToolVersion() {
    String top = run("--version");
    assertTrue(top.startsWith("gpen4j "), top);
    for (String command : List.of("restore", "video", "web", "spark")) {
      assertEquals(top, run(command, "--version"), command + " --version");
    }
  }

  @Test
  void backendOption_namesOnlyBackendsOnTheClassPath() {
    Matcher m = Pattern.compile("Inference backend: ([^(]*?) \\(").matcher(run("restore", "--help").replaceAll("\\s+", " "));
    assertTrue(m.find(), "restore --help describes --backend");
    List<String> offered = List.of(m.group(1).replace(" or ", ", ").split(", "));
    List<String> registered = BackendLocator.all(getClass().getClassLoader()).stream()
        .map(InferenceBackend::name).sorted().collect(Collectors.toList());
    assertEquals(registered, offered.stream().sorted().collect(Collectors.toList()));
  }

  @Test
  void help_ofEveryCommand_formatsEveryDescription() {
    // picocli reports a description it cannot format (a bare '%') on System.err, not on the
    // command's writer, and then prints it raw.
    java.io.PrintStream stderr = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      for (String command : List.of("restore", "video", "web", "spark")) {
        assertTrue(run(command, "--help").contains("Usage:"), command + " --help");
      }
    } finally {
      System.setErr(stderr);
    }
    String warnings = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(!warnings.contains("picocli WARN"), warnings);
  }

  @Test
  void help_ofEveryCommand_neverBreaksANameOrNumberAcrossLines() {
    // picocli wraps at java.text.BreakIterator's line breaks, which fall after a hyphen or inside
    // "2.5": "SCRFD-2." on one line and "5G" on the next is no name a user can type.
    Pattern brokenNumber = Pattern.compile("\\d\\.\\n\\s*\\d");
    Pattern brokenHyphen = Pattern.compile("[A-Za-z0-9]-\\n\\s*[A-Za-z0-9]");
    for (String command : List.of("restore", "video", "web")) {
      String help = run(command, "--help");
      for (Pattern broken : List.of(brokenNumber, brokenHyphen)) {
        Matcher m = broken.matcher(help);
        if (m.find()) {
          throw new AssertionError(command + " --help breaks a word: ..." + help.substring(Math.max(0, m.start() - 40), m.end()));
        }
      }
    }
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gpen4j.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    assertEquals(0, code, err.toString());
    return out.toString().strip();
  }
}
