package io.gpen4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code gpen4j} command in a child JVM on this test's class path, started the way
 * {@code main} runs (with its signal handling), in a working folder of its own so that a JVM
 * crash's {@code hs_err_pid*.log} would land there.
 *
 * @param process the child
 * @param folder its working folder
 * @param log its standard output and error
 */
record ChildGpen4j(Process process, Path folder, Path log) {
  /** Starts {@code gpen4j ARGS} in {@code folder}. */
  static ChildGpen4j start(Path folder, List<String> args) throws IOException {
    return start(folder, args, java.util.Map.of());
  }

  /** Starts {@code gpen4j ARGS} in {@code folder} with more environment variables. */
  static ChildGpen4j start(Path folder, List<String> args, java.util.Map<String, String> env) throws IOException {
    Files.createDirectories(folder);
    // The class path through an @argfile, as ./gpen4j passes it: the command line stays short.
    List<String> lines = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
        Gpen4j.class.getName()));
    lines.addAll(args);
    Path argFile = folder.resolve("child.args");
    Files.write(argFile, lines.stream()
        .map(a -> "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"").toList());
    Path log = folder.resolve("child.log");
    ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "@" + argFile)
        .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    return new ChildGpen4j(p, folder, log);
  }

  /** Returns what the child printed so far. */
  String output() throws IOException {
    return Files.readString(log);
  }

  /** Returns the JVM crash reports in the working folder. */
  List<Path> crashReports() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().startsWith("hs_err")).toList();
    }
  }
}
