package io.gpen4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./gpen4j} launcher script itself, run by bash: it {@code exec}s Java (a signal to
 * the script's pid reaches Java, and no Java outlives the script), honours {@code JAVA_OPTS}, and
 * passes arguments with newlines and quotes unchanged.
 *
 * <p>The script runs from a copy of the repository's layout in a temporary folder whose class path
 * file lists this test's class path, so it starts the classes under test and never builds.
 */
final class LauncherScriptTest {
  @TempDir Path temp;
  private Path script;

  @BeforeEach
  void layOut() throws IOException {
    Path root = Files.createDirectories(temp.resolve("repo"));
    script = Files.copy(Path.of("..", "gpen4j"), root.resolve("gpen4j"));
    script.toFile().setExecutable(true);
    Path target = Files.createDirectories(root.resolve("examples/target"));
    Files.writeString(target.resolve("classpath.txt"), System.getProperty("java.class.path"));
  }

  private ProcessBuilder launcher(Map<String, String> env, List<String> args) {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(temp.toFile());
    // The java that runs this test, first on the PATH.
    Path javaBin = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent();
    pb.environment().put("PATH", javaBin + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().putAll(env);
    return pb;
  }

  @Test
  void arguments_withNewlinesAndQuotes_reachJavaUnchanged() throws Exception {
    Path album = Files.createDirectories(temp.resolve("album"));
    Path photo = Files.copy(SharedData.image("astronaut.png"), album.resolve("it\"s a\nface \\ 'x'.png"));
    Path out = temp.resolve("out\ndir \"q\"");
    Path log = temp.resolve("log.txt");

    Process p = launcher(Map.of(), List.of("restore", photo.toString(), "-o", out.toString(),
        "--model", SharedData.randomGpen256().toString(), "--detector", SharedData.yunet().toString(),
        "--progress", "none")).redirectErrorStream(true).redirectOutput(log.toFile()).start();

    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the launcher did not finish");
    assertEquals(0, p.exitValue(), Files.readString(log));
    assertTrue(Files.isRegularFile(out.resolve("it\"s a\nface \\ 'x'.png")), "output named like its input, in "
        + "the folder named with a newline: " + Files.readString(log));
    try (Stream<Path> files = Files.list(temp)) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("out")
          && !f.equals(out)).toList(), "a newline in -o must not split it into another folder");
    }
  }

  @Test
  void javaOpts_areGivenToJava_splitAtBlanksNotGlobbed() throws Exception {
    Files.writeString(temp.resolve("glob-bait"), "");
    Path log = temp.resolve("log.txt");

    // -XshowSettings:properties prints the system properties, then --version runs as usual.
    Process p = launcher(Map.of("JAVA_OPTS", "-Dgpen4j.launcherTest=one -Dgpen4j.second=* -XshowSettings:properties"),
        List.of("--version")).redirectErrorStream(true).redirectOutput(log.toFile()).start();

    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    String printed = Files.readString(log);
    assertEquals(0, p.exitValue(), printed);
    assertTrue(printed.contains("gpen4j.launcherTest = one"), printed);
    assertTrue(printed.contains("gpen4j.second = *"), "no globbing: " + printed);
    assertTrue(printed.contains("gpen4j "), printed);
  }

  /** The memory defaults reach Java, and a JAVA_OPTS value given after them wins. */
  @Test
  void memoryDefaults_areGivenToJava_andJavaOptsOverrideThem() throws Exception {
    Path log = temp.resolve("flags.txt");
    Process run = launcher(Map.of("JAVA_OPTS", "-XX:+PrintFlagsFinal"), List.of("--version"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(run.waitFor(2, TimeUnit.MINUTES));
    String flags = Files.readString(log);
    assertEquals(0, run.exitValue(), flags);
    assertTrue(flags.matches("(?s).*uintx GCTimeRatio\\s+= 1\\s.*"), "GCTimeRatio=1 by default");

    Process p2 = launcher(Map.of("JAVA_OPTS", "-XX:GCTimeRatio=9 -XX:+PrintFlagsFinal"), List.of("--version"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p2.waitFor(2, TimeUnit.MINUTES));
    flags = Files.readString(log);
    assertTrue(flags.matches("(?s).*uintx GCTimeRatio\\s+= 9\\s.*"), "JAVA_OPTS wins");
  }

  @Test
  void killingTheScript_leavesNoJavaBehind() throws Exception {
    Path album = Files.createDirectories(temp.resolve("album"));
    for (int i = 0; i < 8; i++) {
      Files.copy(SharedData.image("astronaut.png"), album.resolve("p" + i + ".png"));
    }
    Path log = temp.resolve("log.txt");
    Process p = launcher(Map.of(), List.of("restore", album.toString(), "-o", temp.resolve("out").toString(),
        "--model", SharedData.randomGpen256().toString(), "--detector", SharedData.yunet().toString(),
        "--progress", "none")).redirectErrorStream(true).redirectOutput(log.toFile()).start();

    // exec: the script's own pid becomes the JVM.
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (p.isAlive() && !p.info().command().orElse("").endsWith("/java") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(p.info().command().orElse("").endsWith("/java"), "the script's pid runs "
        + p.info().command().orElse("nothing") + ", not java: " + Files.readString(log));
    List<ProcessHandle> children = p.toHandle().descendants().toList();

    p.destroy(); // SIGTERM to the script's pid, as timeout, systemd or kill send it

    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the launcher's pid did not exit: " + Files.readString(log));
    for (ProcessHandle child : children) {
      assertTrue(child.onExit().toCompletableFuture().completeOnTimeout(null, 10, TimeUnit.SECONDS)
          .thenApply(h -> !child.isAlive()).get(), "left running: " + child.info());
    }
    assertEquals(List.of(), p.toHandle().descendants().filter(ProcessHandle::isAlive).toList());
  }
}
