package io.gpen4j.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Makes the random-weight generator files a report needs and cannot find, with the project's
 * converter ({@code models/convert/convert.py}: Python with torch and onnx), so a fresh clone
 * measures GPEN-256 and 512, FP16 and TorchScript. One converter call per model size and precision
 * writes the ONNX and TorchScript files that are missing, into {@code gpen-bench/target/models}.
 * Without Python, torch or the script, it says so in one line and the runs that need the files are
 * skipped with the command that makes them. Random weights cost what real ones cost (same graph).
 */
final class RandomWeightModels {
  /** Where the files go (one of {@link ModelFiles#defaultDirectories()}). */
  static final Path TARGET = Paths.get("gpen-bench", "target", "models").toAbsolutePath().normalize();
  private static final Path SCRIPT = Paths.get("models", "convert", "convert.py");
  private static final long CONVERT_MINUTES = 20;

  private final String python;
  private final Path log;

  /**
   * @param python the interpreter
   * @param log where the converter's output goes
   */
  RandomWeightModels(String python, Path log) {
    this.python = python;
    this.log = log;
  }

  /** The interpreter: {@code GPEN4J_PYTHON}, else {@code /usr/bin/python3} where it exists, else {@code python3}. */
  static String defaultPython() {
    String env = System.getenv("GPEN4J_PYTHON");
    if (env != null && !env.isBlank()) {
      return env;
    }
    return Files.isExecutable(Paths.get("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  /**
   * The converter calls the plan needs: for each model size and float16-or-not, the missing files.
   *
   * @param plan the runs
   * @param files where files are looked for
   * @return file names to write, grouped by "size fp16" key, in a stable order
   */
  static Map<String, Set<String>> missing(List<PlannedRun> plan, ModelFiles files) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (PlannedRun r : plan) {
      BenchConfig c = r.config();
      if (files.find(c).isEmpty()) {
        out.computeIfAbsent(c.modelSize() + (c.needsFp16File() ? " fp16" : ""), k -> new TreeSet<>())
            .add(ModelFiles.candidateNames(c).get(1));
      }
    }
    return out;
  }

  /**
   * Writes the missing files.
   *
   * @param plan the runs
   * @param files where files are looked for ({@link #TARGET} must be one of its folders)
   * @return lines for the report: one per converter call, or one saying why there is none
   */
  List<String> prepare(List<PlannedRun> plan, ModelFiles files) {
    Map<String, Set<String>> missing = missing(plan, files);
    List<String> lines = new ArrayList<>();
    if (missing.isEmpty()) {
      return lines;
    }
    Optional<String> problem = converterProblem();
    if (problem.isPresent()) {
      lines.add("random-weight models not prepared (" + problem.get() + "): runs needing "
          + String.join(", ", missing.values().stream().flatMap(Set::stream).toList())
          + " are skipped with the converter command");
      return lines;
    }
    for (Map.Entry<String, Set<String>> e : missing.entrySet()) {
      String[] key = e.getKey().split(" ");
      List<String> command = new ArrayList<>(List.of(python, SCRIPT.toString(), "--preset", "GPEN-BFR-" + key[0],
          "--random-weights", "--seed", "0"));
      if (key.length > 1) {
        command.add("--fp16");
      }
      for (String name : e.getValue()) {
        command.add(name.endsWith(".pt") ? "--torchscript" : "--onnx");
        command.add(TARGET.resolve(name).toString());
      }
      long t0 = System.nanoTime();
      String outcome = run(command);
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
      lines.add(outcome.isEmpty()
          ? "prepared " + String.join(", ", e.getValue()) + " with the converter in " + seconds + " s"
          : "could not prepare " + String.join(", ", e.getValue()) + outcome);
    }
    return lines;
  }

  /** Why the converter cannot run here, if it cannot. */
  private Optional<String> converterProblem() {
    if (!Files.isRegularFile(SCRIPT)) {
      return Optional.of("no " + SCRIPT + " here: run the report from the repository root");
    }
    List<String> check = List.of(python, "-c", "import torch, onnx");
    String outcome = run(check);
    return outcome.isEmpty() ? Optional.empty()
        : Optional.of(python + " cannot import torch and onnx" + outcome + "; set GPEN4J_PYTHON");
  }

  /** Runs a command, its output appended to the log; "" when it succeeded, else why not. */
  private String run(List<String> command) {
    try {
      Files.createDirectories(TARGET);
      Files.createDirectories(log.getParent());
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      if (!p.waitFor(CONVERT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return " (timed out after " + CONVERT_MINUTES + " min; see " + log + ")";
      }
      return p.exitValue() == 0 ? "" : " (exit code " + p.exitValue() + "; see " + log + ")";
    } catch (IOException e) {
      return " (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return " (interrupted)";
    }
  }

  /** The folders to search: the given ones, plus {@link #TARGET} when missing. */
  static List<Path> withTarget(List<Path> directories) {
    List<Path> dirs = new ArrayList<>(directories);
    if (!dirs.contains(TARGET)) {
      dirs.add(TARGET);
    }
    return dirs;
  }

  /** The folders as the forks' system property value. */
  static String asProperty(List<Path> directories) {
    return String.join(File.pathSeparator, directories.stream().map(Path::toString).toList());
  }
}
